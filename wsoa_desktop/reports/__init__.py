"""Printed outputs (ReportLab PDF, python-docx Word), fed by services. No Qt."""
