from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_edit_support import ModelEditSupport
    from ..models.model_modalities import ModelModalities
    from ..models.model_parameters import ModelParameters


T = TypeVar("T", bound="Model")


@_attrs_define
class Model:
    """A model your key can call: OpenAI's model object (`id`, `object`, `created`,
    `owned_by`) plus, for image models, the catalog blocks the docs describe (decision 3).
    A model ignores request fields it does not list in `parameters`.

        Example:
            {'id': 'nano-banana-2', 'object': 'model', 'created': 1782595538, 'owned_by': 'google', 'modalities': {'input':
                ['text', 'image'], 'output': ['image']}, 'sizing_style': 'resolution_tier', 'prompt_max_length': 32000, 'edit':
                {'supported': True, 'max_images': 14}, 'parameters': {'resolution': {'type': 'string', 'allowed_values': ['1K',
                '2K', '4K'], 'default': '1K'}}}

    """

    id: str
    """ The value you pass as `model`. """
    object_: str | Unset = UNSET
    """ Always `model`. """
    created: int | Unset = UNSET
    """ Unix timestamp when the model was added. """
    owned_by: str | Unset = UNSET
    """ Who serves the model. """
    modalities: ModelModalities | Unset = UNSET
    """ What the model takes in and gives out. """
    sizing_style: str | Unset = UNSET
    """ How the model takes its output size: `pixel_dimensions` (`width` + `height`),
    `resolution_tier` (`aspect_ratio` + `resolution`), `aspect_ratio` (`aspect_ratio`
    only) or `preset_size` (`image_size`). Other values may appear.
     """
    prompt_max_length: int | Unset = UNSET
    """ The longest prompt the model accepts, in characters. """
    edit: ModelEditSupport | Unset = UNSET
    """ The `edit` block of an image model. """
    parameters: ModelParameters | Unset = UNSET
    """ The request fields the model accepts, by field name. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created = self.created

        owned_by = self.owned_by

        modalities: dict[str, Any] | Unset = UNSET
        if not isinstance(self.modalities, Unset):
            modalities = self.modalities.to_dict()

        sizing_style = self.sizing_style

        prompt_max_length = self.prompt_max_length

        edit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.edit, Unset):
            edit = self.edit.to_dict()

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if created is not UNSET:
            field_dict["created"] = created
        if owned_by is not UNSET:
            field_dict["owned_by"] = owned_by
        if modalities is not UNSET:
            field_dict["modalities"] = modalities
        if sizing_style is not UNSET:
            field_dict["sizing_style"] = sizing_style
        if prompt_max_length is not UNSET:
            field_dict["prompt_max_length"] = prompt_max_length
        if edit is not UNSET:
            field_dict["edit"] = edit
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_edit_support import ModelEditSupport  # noqa: PLC0415
        from ..models.model_modalities import ModelModalities  # noqa: PLC0415
        from ..models.model_parameters import ModelParameters  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        object_ = d.pop("object", UNSET)

        created = d.pop("created", UNSET)

        owned_by = d.pop("owned_by", UNSET)

        _modalities = d.pop("modalities", UNSET)
        modalities: ModelModalities | Unset
        if isinstance(_modalities, Unset):
            modalities = UNSET
        else:
            modalities = ModelModalities.from_dict(_modalities)

        sizing_style = d.pop("sizing_style", UNSET)

        prompt_max_length = d.pop("prompt_max_length", UNSET)

        _edit = d.pop("edit", UNSET)
        edit: ModelEditSupport | Unset
        if isinstance(_edit, Unset):
            edit = UNSET
        else:
            edit = ModelEditSupport.from_dict(_edit)

        _parameters = d.pop("parameters", UNSET)
        parameters: ModelParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = ModelParameters.from_dict(_parameters)

        model = cls(
            id=id,
            object_=object_,
            created=created,
            owned_by=owned_by,
            modalities=modalities,
            sizing_style=sizing_style,
            prompt_max_length=prompt_max_length,
            edit=edit,
            parameters=parameters,
        )

        model.additional_properties = d
        return model

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
