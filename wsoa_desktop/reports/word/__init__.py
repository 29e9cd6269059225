"""Word (python-docx) versions of the reports, for Democratic Services' committee template."""
