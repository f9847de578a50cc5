"""casework: the domain and case store of an entrepreneurship-support reception unit."""
