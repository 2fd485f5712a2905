"""The phone call's voices and recordings: which text-to-speech voice speaks each language
(``voices``), and the prompts volunteers record for a language without one (``recordings``,
stored in ``models``)."""
