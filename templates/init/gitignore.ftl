# Written by baseline init ([=generatorVersion]). The generated output (out/) is committed on purpose:
# pull requests review it and `baseline plan` compares with it.
.baseline-tool/
plan.md
thread.json
.*.baseline-new-*/
.*.baseline-old-*/
.*.baseline-lock
