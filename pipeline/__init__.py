"""committee-pipeline: council spreadsheets into committee-ready Word documents."""

__version__ = "0.1.0"
