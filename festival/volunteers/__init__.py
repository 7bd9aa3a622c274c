"""Volunteer shifts, one slice: signing up without an account, and coordinating the teams.

``models`` roles, shifts, volunteers, sign-ups  ``occasions`` what shifts belong to (an
                                                 edition, or a project's work day)
``services`` the rules (writes)                  ``selectors`` reads for pages and admin
``links`` signed private links                   ``emails`` mails, after commit via outbox
``forms``, ``views``, ``urls`` public pages      ``admin``, ``admin_views`` coordinators
``demo`` demo shifts for ``load_demo_data``

App label ``festival``; the admin is registered by ``festival/wagtail_hooks.py``."""
