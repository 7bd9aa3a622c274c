"""Oral-history transcripts: time codes, WebVTT and plain-text formats, services, selectors."""
