"""``python -m cleaner``."""
from .cli import main

raise SystemExit(main())
