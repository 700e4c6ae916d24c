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


def copy_templates(folder: Path, force: bool = False) -> list[Path]:
    """Copy the shipped templates into `folder` under their standard names; returns them.

    Refuses (PipelineError, nothing copied) when one is already there, unless `force`."""
    import shutil

    folder = Path(folder)
    names = sorted(set(TEMPLATE_NAMES.values()))
    there = [folder / n for n in names if (folder / n).exists()]
    if there and not force:
        listed = ", ".join(p.name for p in there)
        raise _template_error(
            f"{folder} already holds {listed}. Nothing was copied. Add --force to replace "
            "them with the standard templates, or choose another folder.", folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for name in names:
            shutil.copyfile(shipped_templates_dir() / name, folder / name)
            out.append(folder / name)
    except OSError as exc:
        raise _template_error(f"The templates could not be copied to {folder} "
                              f"({exc.strerror or exc}).", folder) from exc
    return out


def misnamed_templates(folder: Path) -> list[Issue]:
    """A warning for each .docx in a --templates folder that is not a standard name (it
    would be silently ignored), suggesting the name it probably means."""
    from difflib import get_close_matches

    from pipeline.render.lint import guess_kind

    names = sorted(set(TEMPLATE_NAMES.values()))
    issues: list[Issue] = []
    for path in sorted(Path(folder).glob("*")):
        if path.name.startswith(("~$", ".")) or path.name in names or not path.is_file():
            continue
        if path.suffix.lower() not in (".docx", ".dotx", ".doc"):
            continue
        kind = guess_kind(path)
        guess = TEMPLATE_NAMES.get(kind) if kind else None
        guess = guess or next(iter(get_close_matches(path.name.lower(), names, 1, 0.5)), None)
        hint = f" Rename it {guess} if it is the template for that document." if guess else ""
        message = (f"{path.name} in the templates folder is not a name the batch uses, so it "
                   f"was not used.{hint} The names are: {', '.join(names)}.")
        issues.append(Issue("template-error", "warning", message, file=str(path)))
    return issues
