//! Scores the time tagger the way TempEval-3 task A does.
