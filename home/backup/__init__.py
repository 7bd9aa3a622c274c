"""Backup and restore: one archive file holds the database, the uploaded files and a manifest.

``manage.py backup`` writes it, ``manage.py restore`` brings a fresh install to the same state
(see ``services``); the commands in ``home/management/commands/`` only show progress.
"""
