"""Helpers and tools of the relevance benchmarks: the fixed question split
(questions.py), plain BM25 and dense baselines (baselines.py), the options
every relevance benchmark takes (options.py), the search's evidence gathered
once per question (evidence.py), the fusion calibration (calibrate.py), the
fine-tuning experiment (finetune.py) and a scratch lab (lab.py). Not
benchmarks themselves: run_all.py does not run them."""
