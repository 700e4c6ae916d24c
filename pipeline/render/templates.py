"""Finding the Word template for a kind of document.

An explicit file wins; then a council's templates folder holding a file of the
standard name; then the template shipped with the pipeline.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.issues import Issue, PipelineError
from pipeline.kinds import DOCUMENT_KINDS, TEMPLATE_KINDS, document_kind

# The standard file name of each kind's template (from the registry, pipeline.kinds).
TEMPLATE_NAMES: dict[str, str] = {k.name: k.template for k in DOCUMENT_KINDS
                                  if k.name in TEMPLATE_KINDS}


def shipped_templates_dir() -> Path:
    """The folder of the shipped templates: the installed package, or templates/ in a checkout."""
    try:
        from importlib.resources import files

        folder = Path(str(files("pipeline.templates")))
        if (folder / TEMPLATE_NAMES["plan"]).is_file():
            return folder
    except (ModuleNotFoundError, TypeError, ValueError):
        pass
    import pipeline

    return Path(pipeline.__file__).resolve().parent.parent / "templates"


def _template_error(message: str, path: Path | None) -> PipelineError:
    issue = Issue(code="template-error", severity="error", message=message, file=str(path or ""))
    return PipelineError(message, [issue])


def template_path(
    kind: str, override: Path | None = None, templates_dir: Path | None = None
) -> Path:
    """The template to use for `kind` (a kind of pipeline.kinds: "plan", "response-update"...).

    `override` (a --template FILE) must exist; a `templates_dir` is used only when it
    holds a file of the standard name; otherwise the shipped template.
    """
    try:
        name = document_kind(kind).template
    except KeyError:
        known = ", ".join(TEMPLATE_NAMES)
        raise _template_error(f"There is no template for documents of kind {kind!r}; "
                              f"the kinds are {known}.", None) from None
    if override is not None:
        override = Path(override)
        if not override.is_file():
            raise _template_error(
                f"The template file {override} was not found. Check the name and folder, "
                "or leave out --template to use the standard template.",
                override,
            )
        if override.suffix.lower() != ".docx":
            raise _template_error(
                f"The template {override.name} is not a Word .docx file. Save it from Word "
                "as 'Word Document (*.docx)' and try again.",
                override,
            )
        return override
    if templates_dir is not None:
        candidate = Path(templates_dir) / name
        if candidate.is_file():
            return candidate
    shipped = shipped_templates_dir() / name
    if not shipped.is_file():
        raise _template_error(
            f"The standard template {name} is missing from the installation. "
            "Reinstall committee-pipeline, or pass --template FILE.",
            shipped,
        )
    return shipped
