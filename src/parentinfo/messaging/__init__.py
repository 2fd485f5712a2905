"""The messaging core: one front door for every message, below every feature.

A feature composes :class:`~parentinfo.messaging.drafts.Draft` objects and hands them to
:func:`~parentinfo.messaging.post.post_messages`, inside
:func:`~parentinfo.messaging.post.sending` (the caller's transaction). The core writes the
outbox rows, holds SMS for quiet hours, and defers the send jobs once the transaction has
committed; the outbox sweeper re-queues anything a crash left between the two. The core
knows channels (:mod:`~parentinfo.messaging.channels`), never events or answers.
"""
