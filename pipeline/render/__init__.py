"""The Word rendering engine: DocumentModel -> .docx inside a council-editable template.

    from pipeline.render.engine import render_document, render_bytes
    from pipeline.render.templates import template_path

`pipeline.render.engine` imports docxtpl and python-docx inside its functions, so
importing it stays cheap.
"""
