"""Factories build real objects through the models; tests import them from here."""
