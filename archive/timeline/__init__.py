"""The archive's timeline (« frise »): items per year and decade, the festival's editions and
the key dates of the mine, with the list of one year's items it leads to."""
