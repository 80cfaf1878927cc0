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

# Asylum: Ofpra refused the application, notified 10 days before TODAY (2026-11-23): the CNDA
# appeal (one month) is the urgent dated action (issue 11's acceptance scenario).
OFPRA_REFUSED_10_DAYS = {
    "situation": "asylum_apply",
    "asylum_entry": "in_france",
    "asylum_stage": "ofpra_refused",
    "ofpra_decision_date": "2026-11-13",
}
