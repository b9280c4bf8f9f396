"""Evidence for claims: stance of other articles' sentences, independence, verdicts."""
