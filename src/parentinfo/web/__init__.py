"""The HTML toolkit every feature's pages are built with, and nothing else: rendering
(``render``), form reading (``forms``), flash messages (``flashes``), the session cookie and
the page's language (``session``), the page router and the static files (``routing``), and
the choices forms offer (``choices``). The pages themselves live in their features
(``<feature>.pages``)."""
