"""Example answers shared by tests and benchmarks (raw protocol values)."""

# A protection subsidiaire holder living in Seine-Saint-Denis (issue 2's acceptance scenario).
HOLDER_93 = {
    "situation": "ps_holder",
    "ps_card": "none_yet",
    "married": False,
    "residence": "93200",
    "document_expiry": "2027-05-31",
    "travel": False,
}
