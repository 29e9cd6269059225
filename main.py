"""WSOA Desktop: ``python main.py`` opens the app; ``python main.py --help`` lists commands."""

from wsoa_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
