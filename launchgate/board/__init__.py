"""The launch board: a static site of every launch."""
