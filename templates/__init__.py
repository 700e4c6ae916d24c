"""The shipped Word templates (installed as the package `pipeline.templates`).

improvement-plan.docx (kind "plan"), briefing.docx, performance-report.docx and
cabinet-response.docx are made by scripts/make_templates.py; a council may copy
any of them into its own templates folder and restyle it in Word.
"""
