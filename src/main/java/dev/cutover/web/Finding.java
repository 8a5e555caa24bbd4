package dev.cutover.web;

/**
 * One place a page mentions what was searched for.
 *
 * @param page the page's URL
 * @param context the tag (a link, an image, a canonical link) or the stretch of text around the
 *     match, whitespace collapsed, about 120 characters
 */
public record Finding(String page, String context) {}
