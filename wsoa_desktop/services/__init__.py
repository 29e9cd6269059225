"""The use cases, shared by the desktop app and the command line. No Qt here."""
