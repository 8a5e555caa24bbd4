package dev.cutover.heroku;

/** One process type of a Heroku app: how many dynos run it ({@code quantity}) and their size ({@code standard-1X}). */
public record Formation(String type, int quantity, String size) {}
