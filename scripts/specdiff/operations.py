"""Comparing paths and operations: parameters, request bodies, responses, headers, media types.

Each operation's request body, parameters and responses are compared where they are used, so a
change in a shared component is found at every operation (and status) it reaches; the report
groups those findings by where the change is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .context import Comparison, opt
from .refs import Document, Node, join
from .schemas import Place, SchemaComparison, canonical, is_json

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class OperationsComparison(Comparison):
    """The ``paths`` of the two documents, operation by operation."""

    # --- paths and operations (check_api_added.go, check_api_removed.go, check_api_deprecation.go,
    #     check_api_operation_id_updated.go, check_api_tag_updated.go, check_api_security_updated.go)

    def _paths(self, base: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        base_paths, new_paths = {_template(p): p for p in base}, {_template(p): p for p in new}
        for key, path in base_paths.items():
            if key not in new_paths:
                item = self.base.object(base[path], join("#/paths", path))
                for method in _methods(item):
                    deprecated = bool(item.get(method, {}).get("deprecated"))
                    rule = "api-path-removed-with-deprecation" if deprecated else "api-path-removed-without-deprecation"
                    self.add(
                        rule,
                        "path removed" + (" after deprecation" if deprecated else " without deprecation"),
                        item.at(method),
                        op=_op(method, path),
                    )
        for key, path in new_paths.items():
            if key not in base_paths:
                item = self.new.object(new[path], join("#/paths", path))
                for method in _methods(item):
                    self.add("endpoint-added", "endpoint added", item.at(method), op=_op(method, path))
        for key, path in new_paths.items():
            if key in base_paths and self.base.fingerprint(base[base_paths[key]]) != self.new.fingerprint(new[path]):
                base_path = base_paths[key]
                self._path_item(
                    self.base.object(base[base_path], join("#/paths", base_path)),
                    self.new.object(new[path], join("#/paths", path)),
                    path,
                )

    def _path_item(self, b: Node, n: Node, path: str) -> None:
        for method in _methods(b):
            if method not in n:
                deprecated = bool(b.get(method).get("deprecated"))
                rule = "api-removed-with-deprecation" if deprecated else "api-removed-without-deprecation"
                self.add(
                    rule,
                    "endpoint removed" + (" after deprecation" if deprecated else " without deprecation"),
                    b.at(method),
                    op=_op(method, path),
                )
        for method in _methods(n):
            if method not in b:
                self.add("endpoint-added", "endpoint added", n.at(method), op=_op(method, path))
            else:
                self._operation(b, n, method, path)
        for key in sorted((b.value.keys() | n.value.keys()) - {*METHODS, "parameters"}):
            self.leftover(key, b.get(key), n.get(key), n.at(key) if key in n else b.at(key), f"path `{path}`")

    def _operation(self, path_b: Node, path_n: Node, method: str, path: str) -> None:
        op = _op(method, path)
        b = self.base.object(path_b.get(method), path_b.at(method))
        n = self.new.object(path_n.get(method), path_n.at(method))
        base_tags, new_tags = list(b.get("tags") or ()), list(n.get("tags") or ())
        for tag in base_tags:
            if tag not in new_tags:
                self.add("api-tag-removed", f"tag `{tag}` removed", b.at("tags"), op=op)
        for tag in new_tags:
            if tag not in base_tags:
                self.add("api-tag-added", f"tag `{tag}` added", n.at("tags"), op=op)
        before_id, after_id = b.get("operationId"), n.get("operationId")
        if before_id != after_id:
            if before_id:
                text = f"operationId `{before_id}` removed" + (f" and replaced with `{after_id}`" if after_id else "")
                self.add("api-operation-id-removed", text, self.at(b, n, "operationId"), op=op)
            else:
                self.add("api-operation-id-added", f"operationId `{after_id}` added", n.at("operationId"), op=op)
        if bool(b.get("deprecated")) != bool(n.get("deprecated")):
            rule = "endpoint-deprecated" if n.get("deprecated") else "endpoint-reactivated"
            self.add(
                rule,
                "endpoint deprecated" if n.get("deprecated") else "endpoint reactivated",
                self.at(b, n, "deprecated"),
                op=op,
            )
        if "security" in b or "security" in n:
            base_security = b.get("security", self.base.data.get("security"))
            new_security = n.get("security", self.new.data.get("security"))
            self.requirements(base_security, new_security, self.at(b, n, "security"), "api-security", op)
        self._parameters(path_b, path_n, b, n, op)
        self._request_body(b, n, op)
        self._responses(b, n, op)
        handled = {"tags", "operationId", "deprecated", "security", "parameters", "requestBody", "responses"}
        for key in sorted((b.value.keys() | n.value.keys()) - handled):
            self.leftover(key, b.get(key), n.get(key), self.at(b, n, key), "the operation", op)

    # --- parameters (check_new_request_non_path_parameter.go, check_request_path_parameter_added.go,
    #     check_request_parameter_removed.go, check_request_parameter_required_value_updated.go, ...)

    def _parameters(self, path_b: Node, path_n: Node, b: Node, n: Node, op: str) -> None:
        before = {**self._params(self.base, path_b), **self._params(self.base, b)}
        after = {**self._params(self.new, path_n), **self._params(self.new, n)}
        for key, param in before.items():
            if key not in after:
                deprecated = bool(param.get("deprecated"))
                rule = "request-parameter-removed-with-deprecation" if deprecated else "request-parameter-removed"
                self.add(rule, f"{key[0]} parameter `{key[1]}` removed", param.pointer, op=op)
        for key, param in after.items():
            if key not in before:
                if key[0] == "path":
                    rule = "new-request-path-parameter"
                else:
                    rule = (
                        "new-required-request-parameter" if param.get("required") else "new-optional-request-parameter"
                    )
                kind = "required" if param.get("required") else "optional"
                self.add(rule, f"new {kind} {key[0]} parameter `{key[1]}`", param.pointer, op=op)
        for key, pb in before.items():
            if key in after:
                self._parameter(pb, after[key], key, op)

    def _params(self, doc: Document, owner: Node) -> dict[tuple[str, str], Node]:
        found: dict[tuple[str, str], Node] = {}
        for index, raw in enumerate(owner.get("parameters") or ()):
            param = doc.object(raw, owner.at("parameters", index))
            found[(str(param.get("in")), str(param.get("name")))] = param
        return found

    def _parameter(self, b: Node, n: Node, key: tuple[str, str], op: str) -> None:
        noun = f"{key[0]} parameter `{key[1]}`"
        where = f"parameter {key[0]} {key[1]}"
        if bool(b.get("required")) != bool(n.get("required")):
            rule = "request-parameter-became-required" if n.get("required") else "request-parameter-became-optional"
            self.add(
                rule,
                f"became {'required' if n.get('required') else 'optional'}",
                self.at(b, n, "required"),
                subject=noun,
                op=op,
                where=where,
            )
        if bool(b.get("deprecated")) != bool(n.get("deprecated")):
            rule = "request-parameter-deprecated" if n.get("deprecated") else "request-parameter-reactivated"
            self.add(
                rule,
                "deprecated" if n.get("deprecated") else "no longer deprecated",
                self.at(b, n, "deprecated"),
                subject=noun,
                op=op,
                where=where,
            )
        if "schema" in b and "schema" in n:
            place = Place("request", "parameter", op, where, noun)
            # Parameters are text on the wire: oasdiff judges their types as not strongly typed.
            SchemaComparison(self.base, self.new, self.findings, place, self.visited).compare(
                b.get("schema"), b.at("schema"), n.get("schema"), n.at("schema"), strongly_typed=False
            )
        handled = {"required", "deprecated"} | ({"schema"} if "schema" in b and "schema" in n else set())
        for other in sorted((b.value.keys() | n.value.keys()) - handled):
            self.leftover(other, b.get(other), n.get(other), self.at(b, n, other), noun, op, where)

    # --- request body (check_added_required_request_body.go, check_request_body_removed.go,
    #     check_request_body_required_value_updated.go, check_request_body_mediatype_updated.go,
    #     check_media_type_schema_existence.go)

    def _request_body(self, b: Node, n: Node, op: str) -> None:
        if "requestBody" not in b and "requestBody" not in n:
            return
        if "requestBody" not in b:
            body = self.new.object(n.get("requestBody"), n.at("requestBody"))
            rule = "request-body-added-required" if body.get("required") else "request-body-added-optional"
            self.add(
                rule, f"{'required' if body.get('required') else 'optional'} request body added", body.pointer, op=op
            )
            return
        if "requestBody" not in n:
            self.add("request-body-removed", "request body removed", b.at("requestBody"), op=op)
            return
        rb = self.base.object(b.get("requestBody"), b.at("requestBody"))
        rn = self.new.object(n.get("requestBody"), n.at("requestBody"))
        if bool(rb.get("required")) != bool(rn.get("required")):
            rule = "request-body-became-required" if rn.get("required") else "request-body-became-optional"
            self.add(
                rule,
                f"request body became {'required' if rn.get('required') else 'optional'}",
                self.at(rb, rn, "required"),
                op=op,
            )
        self._content(rb, rn, "request", op, "request")
        for key in sorted((rb.value.keys() | rn.value.keys()) - {"required", "content"}):
            self.leftover(key, rb.get(key), rn.get(key), self.at(rb, rn, key), "the request body", op, "request")

    def _content(self, b: Node, n: Node, direction: str, op: str, where: str) -> None:
        """The media types of a request body or a response (``where``: ``request`` or ``response 200``)."""
        base_content: Mapping[str, Any] = b.get("content") or {}
        new_content: Mapping[str, Any] = n.get("content") or {}
        for media in base_content:
            if media not in new_content:
                rule = "request-body-media-type-removed" if direction == "request" else "response-media-type-removed"
                self.add(rule, f"media type `{media}` removed", b.at("content", media), op=op, where=where)
        for media in new_content:
            if media not in base_content:
                rule = "request-body-media-type-added" if direction == "request" else "response-media-type-added"
                self.add(rule, f"media type `{media}` added", n.at("content", media), op=op, where=where)
            else:
                self._media(b, n, media, direction, op, f"{where} {media}")

    def _media(self, b: Node, n: Node, media: str, direction: str, op: str, where: str) -> None:
        mb = self.base.object(b.get("content")[media], b.at("content", media))
        mn = self.new.object(n.get("content")[media], n.at("content", media))
        body = f"{direction} body"
        if "schema" in mb and "schema" in mn:
            place = Place("request" if direction == "request" else "response", "body", op, where, body)
            SchemaComparison(self.base, self.new, self.findings, place, self.visited).compare(
                mb.get("schema"), mb.at("schema"), mn.get("schema"), mn.at("schema"), strongly_typed=is_json(media)
            )
        elif "schema" in mb or "schema" in mn:
            added = "schema" in mn
            rule = f"{'request' if direction == 'request' else 'response'}-body-media-type-schema-{'added' if added else 'removed'}"
            self.add(
                rule,
                f"schema {'added' if added else 'removed'}",
                self.at(mb, mn, "schema"),
                subject=body,
                op=op,
                where=where,
            )
        if direction == "request":
            self._encoding(mb, mn, op, where)
        for key in sorted((mb.value.keys() | mn.value.keys()) - {"schema", "encoding"}):
            self.leftover(key, mb.get(key), mn.get(key), self.at(mb, mn, key), body, op, where)

    def _encoding(self, b: Node, n: Node, op: str, where: str) -> None:
        """Multipart part encodings: the content types a part may have (``image[]``: PNG, JPEG, WebP)."""
        base_parts: Mapping[str, Any] = b.get("encoding") or {}
        new_parts: Mapping[str, Any] = n.get("encoding") or {}
        for part in sorted(base_parts.keys() | new_parts.keys()):
            before, after = base_parts.get(part) or {}, new_parts.get(part) or {}
            origin = self.at(b, n, "encoding", part)
            if part in base_parts and part in new_parts:
                base_types, new_types = _media_list(before.get("contentType")), _media_list(after.get("contentType"))
                for media in base_types:
                    if media not in new_types:
                        self.add(
                            "request-part-content-type-removed",
                            f"part `{part}`: content type `{media}` no longer accepted",
                            origin,
                            op=op,
                            where=where,
                        )
                for media in new_types:
                    if media not in base_types:
                        self.add(
                            "request-part-content-type-added",
                            f"part `{part}`: content type `{media}` accepted",
                            origin,
                            op=op,
                            where=where,
                        )
                before = {k: v for k, v in before.items() if k != "contentType"}
                after = {k: v for k, v in after.items() if k != "contentType"}
            if canonical(before) != canonical(after):
                text = f"encoding of part `{part}` changed from {opt(before or None)} to {opt(after or None)}"
                self.add("unclassified-change", text, origin, op=op, where=where)

    # --- responses (check_response_status_updated.go, check_response_mediatype_updated.go,
    #     check_response_header_{added,removed,became_optional,type_changed}.go)

    def _responses(self, b: Node, n: Node, op: str) -> None:
        base_responses = {str(k): v for k, v in (b.get("responses") or {}).items()}
        new_responses = {str(k): v for k, v in (n.get("responses") or {}).items()}
        for status in base_responses:
            if status not in new_responses:
                rule = "response-success-status-removed" if _success(status) else "response-non-success-status-removed"
                self.add(rule, f"response {status} removed", b.at("responses", status), op=op)
        for status in new_responses:
            if status not in base_responses:
                rule = "response-success-status-added" if _success(status) else "response-non-success-status-added"
                self.add(rule, f"response {status} added", n.at("responses", status), op=op)
        for status in base_responses:
            if status in new_responses:
                rb = self.base.object(base_responses[status], b.at("responses", status))
                rn = self.new.object(new_responses[status], n.at("responses", status))
                self._headers(rb, rn, status, op)
                self._content(rb, rn, "response", op, f"response {status}")
                for key in sorted((rb.value.keys() | rn.value.keys()) - {"headers", "content"}):
                    where = f"response {status}"
                    self.leftover(key, rb.get(key), rn.get(key), self.at(rb, rn, key), "the response", op, where)

    def _headers(self, b: Node, n: Node, status: str, op: str) -> None:
        base_headers = {k.lower(): k for k in b.get("headers") or {}}
        new_headers = {k.lower(): k for k in n.get("headers") or {}}
        where = f"response {status}"
        for key, name in base_headers.items():
            if key not in new_headers:
                header = self.base.object(b.get("headers")[name], b.at("headers", name))
                rule = (
                    "required-response-header-removed" if header.get("required") else "optional-response-header-removed"
                )
                self.add(
                    rule,
                    f"{'required' if header.get('required') else 'optional'} header `{name}` removed",
                    header.pointer,
                    op=op,
                    where=where,
                )
        for key, name in new_headers.items():
            if key not in base_headers:
                self.add("response-header-added", f"header `{name}` added", n.at("headers", name), op=op, where=where)
                continue
            hb = self.base.object(b.get("headers")[base_headers[key]], b.at("headers", base_headers[key]))
            hn = self.new.object(n.get("headers")[name], n.at("headers", name))
            noun = f"response header `{name}`"
            if bool(hb.get("required")) != bool(hn.get("required")):
                rule = "response-header-became-required" if hn.get("required") else "response-header-became-optional"
                self.add(
                    rule,
                    f"became {'required' if hn.get('required') else 'optional'}",
                    self.at(hb, hn, "required"),
                    subject=noun,
                    op=op,
                    where=where,
                )
            if "schema" in hb and "schema" in hn:
                place = Place("response", "header", op, f"{where} header {name}", noun)
                SchemaComparison(self.base, self.new, self.findings, place, self.visited).compare(
                    hb.get("schema"), hb.at("schema"), hn.get("schema"), hn.at("schema"), strongly_typed=False
                )
            handled = {"required"} | ({"schema"} if "schema" in hb and "schema" in hn else set())
            for other in sorted((hb.value.keys() | hn.value.keys()) - handled):
                self.leftover(
                    other, hb.get(other), hn.get(other), self.at(hb, hn, other), noun, op, f"{where} header {name}"
                )


def _op(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def _template(path: str) -> str:
    """Paths match whatever their parameters are called (``/a/{id}`` is ``/a/{key}``), as in oasdiff."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def _methods(item: Node) -> list[str]:
    return [method for method in METHODS if isinstance(item.get(method), Mapping)]


def _success(status: str) -> bool:
    """2xx (and the 2XX range, which oasdiff skips: it reads statuses as integers) is success."""
    return status.upper() == "2XX" or (status.isdigit() and 200 <= int(status) <= 299)


def _media_list(value: Any) -> list[str]:
    return [part.strip() for part in str(value).split(",") if part.strip()] if value else []
