package io.overdue.channels;

/** Letter storage on the embedded default database. */
class LetterStorageH2Test extends LetterStorageContract {
}
