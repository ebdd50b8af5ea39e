from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.completion_tokens_details import CompletionTokensDetails
    from ..models.cost import Cost
    from ..models.prompt_tokens_details import PromptTokensDetails


T = TypeVar("T", bound="Usage")


@_attrs_define
class Usage:
    """Token usage and the billed cost for the request. Every token field is optional (a guide example carries only
    `cost`); absent is not zero.

        Example:
            {'prompt_tokens': 120, 'completion_tokens': 4160, 'total_tokens': 4280, 'cost': {'total_cost': 0.039}}

    """

    prompt_tokens: int | Unset = UNSET
    prompt_tokens_details: PromptTokensDetails | Unset = UNSET
    completion_tokens: int | Unset = UNSET
    completion_tokens_details: CompletionTokensDetails | Unset = UNSET
    total_tokens: int | Unset = UNSET
    cost: Cost | Unset = UNSET
    """ The billed cost. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt_tokens = self.prompt_tokens

        prompt_tokens_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.prompt_tokens_details, Unset):
            prompt_tokens_details = self.prompt_tokens_details.to_dict()

        completion_tokens = self.completion_tokens

        completion_tokens_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.completion_tokens_details, Unset):
            completion_tokens_details = self.completion_tokens_details.to_dict()

        total_tokens = self.total_tokens

        cost: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cost, Unset):
            cost = self.cost.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if prompt_tokens is not UNSET:
            field_dict["prompt_tokens"] = prompt_tokens
        if prompt_tokens_details is not UNSET:
            field_dict["prompt_tokens_details"] = prompt_tokens_details
        if completion_tokens is not UNSET:
            field_dict["completion_tokens"] = completion_tokens
        if completion_tokens_details is not UNSET:
            field_dict["completion_tokens_details"] = completion_tokens_details
        if total_tokens is not UNSET:
            field_dict["total_tokens"] = total_tokens
        if cost is not UNSET:
            field_dict["cost"] = cost

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.completion_tokens_details import CompletionTokensDetails  # noqa: PLC0415
        from ..models.cost import Cost  # noqa: PLC0415
        from ..models.prompt_tokens_details import PromptTokensDetails  # noqa: PLC0415

        d = dict(src_dict)
        prompt_tokens = d.pop("prompt_tokens", UNSET)

        _prompt_tokens_details = d.pop("prompt_tokens_details", UNSET)
        prompt_tokens_details: PromptTokensDetails | Unset
        if isinstance(_prompt_tokens_details, Unset):
            prompt_tokens_details = UNSET
        else:
            prompt_tokens_details = PromptTokensDetails.from_dict(_prompt_tokens_details)

        completion_tokens = d.pop("completion_tokens", UNSET)

        _completion_tokens_details = d.pop("completion_tokens_details", UNSET)
        completion_tokens_details: CompletionTokensDetails | Unset
        if isinstance(_completion_tokens_details, Unset):
            completion_tokens_details = UNSET
        else:
            completion_tokens_details = CompletionTokensDetails.from_dict(_completion_tokens_details)

        total_tokens = d.pop("total_tokens", UNSET)

        _cost = d.pop("cost", UNSET)
        cost: Cost | Unset
        if isinstance(_cost, Unset):
            cost = UNSET
        else:
            cost = Cost.from_dict(_cost)

        usage = cls(
            prompt_tokens=prompt_tokens,
            prompt_tokens_details=prompt_tokens_details,
            completion_tokens=completion_tokens,
            completion_tokens_details=completion_tokens_details,
            total_tokens=total_tokens,
            cost=cost,
        )

        usage.additional_properties = d
        return usage

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
