"""launchgate: keeps product and marketing in step on every launch."""

__version__ = "0.1.0"
