"""工作台: what every staff desk shares."""
