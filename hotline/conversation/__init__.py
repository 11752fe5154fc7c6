"""The conversation core: one session per conversation whatever the transport (``session.py``), the hub that
owns who answers it — bot, queue or agent — and delivers its typed events (``hub.py``, ``events.py``,
``outbox.py``, ``bus.py``), and the words about a customer's photo (``photo_reply.py``). It depends on the
ports it declares (``needs.py``) and the layers below, never on the gateway that wires it."""
