package dev.logreg.training;

/** A validated JSON training request: the rows themselves, or a source a Spark cluster reads. */
sealed interface TrainingRequest permits TrainingInput, SourceTrainingInput {}
