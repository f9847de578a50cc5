"""The case dossier, in one place: gathered, worded, laid out, printed and kept.

- `gather` reads what a dossier shows from the store (`context`, `plan_context`,
  `partner_context` hold it as plain values); `audience` decides what each copy leaves
  out.
- `sections` says which sections each dossier prints (the full case dossier, the
  reception summary, the support and referral dossiers, the follow-up report);
  `statement` lays out the yearly cash-flow plan; `cash_flow_chart` draws its chart.
- `labels` and `wording` own the print wording: every stored value's words, and each
  figure, date and country written per language with Babel and the gettext catalogues
  of `casework/locales`.
- `render` and `partner_render` lay the templates of `document_templates/` out with
  WeasyPrint behind the locked `fetcher`; `keeping` keeps each moment's copies, printed
  as PDF/A-3b with their data attached; `on_request` prints one now.

Callers name a case, an audience, a language and a kind: `on_request.print_dossier`,
`keeping.keep_moment`, `keeping.print_kept`.
"""
