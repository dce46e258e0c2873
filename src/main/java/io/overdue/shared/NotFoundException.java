package io.overdue.shared;

public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String key) {
        super(what + " " + key + " does not exist");
    }
}
