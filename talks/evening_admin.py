"""Admin of the Ch'ti TAIDx (being built, issue 18)."""
