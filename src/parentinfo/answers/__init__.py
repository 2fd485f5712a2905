"""Staff answers to parents' questions: the thread with a parent, ready answers, free text."""
