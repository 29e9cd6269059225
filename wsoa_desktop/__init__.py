"""WSOA Desktop: keep a local area's SEND Written Statement of Action offline."""

__version__ = "0.1.0"
APP_NAME = "WSOA Desktop"
