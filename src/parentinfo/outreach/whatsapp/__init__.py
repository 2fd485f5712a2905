"""WhatsApp, outbound: the Content templates whose text lives in our catalogs, and sending
each outbox row as a template or, inside the 24-hour window, as free text."""
