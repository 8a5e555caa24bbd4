package dev.cutover.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Camunda's Tasklist as a person works it: log in, open a task, claim it, fill its form, complete it. */
final class Tasklist {

    static final String PATH = "/camunda/app/tasklist/";
    /** Camunda 7 CE's red "migrate to Camunda 8" end-of-life banner in every webapp's header. */
    static final By END_OF_LIFE_BANNER = By.cssSelector(".ce-eol-banner");

    private final Browser browser;

    Tasklist(Browser browser) {
        this.browser = browser;
    }

    Tasklist logIn(String user, String password) {
        browser.open(PATH);
        browser.waitFor(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        browser.driver().findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("button[type='submit']")).click();
        browser.waitFor(By.cssSelector("[cam-tasks], .tasks-list"));
        return this;
    }

    /** Shows the tasks of the filter of this name (each group has its own). */
    Tasklist filter(String name) {
        // the filter's own text, not its task count beside it
        browser.click(By.xpath("//*[contains(@class,'task-filter')]//a[normalize-space(text())='" + name + "']"));
        // away from the filter, whose tooltip would cover the next one
        new Actions(browser.driver()).moveToElement(browser.waitFor(By.cssSelector(".tasks-list"))).perform();
        return this;
    }

    /** The task list shows a task of this name. */
    Tasklist lists(String taskName) {
        browser.waitFor(taskInList(taskName));
        return this;
    }

    Tasklist open(String taskName) {
        browser.click(taskInList(taskName));
        browser.waitFor(By.xpath("//*[contains(@class,'task-details')]//*[normalize-space()='" + taskName + "']"));
        return this;
    }

    Tasklist claim() {
        browser.click(By.cssSelector("button.claim"));
        browser.waitUntilGone(By.cssSelector("button.claim"));
        return this;
    }

    /**
     * Opens Tasklist's "Start process" dialog and picks the process of this name; the dialog stays
     * open for its start form's fields (or the generic form's business key), then {@link #start()}.
     */
    Tasklist startProcess(String processName) {
        browser.click(By.cssSelector(".start-process-action a"));
        browser.click(By.xpath("//ul[contains(@class,'processes')]//a[normalize-space()='" + processName + "']"));
        browser.waitFor(By.xpath("//*[contains(@class,'modal-title') and contains(normalize-space(), '" + processName
                + "')]"));
        return this;
    }

    /** Types the run's business key into the generic start form's Business Key field. */
    Tasklist businessKey(String key) {
        browser.clickable(By.id("business-key-field")).sendKeys(key);
        return this;
    }

    /** Starts the process chosen in the dialog and waits until the dialog has closed. */
    Tasklist start() {
        browser.click(By.xpath("//div[contains(@class,'modal-footer')]//button[contains(@class,'btn-primary')]"));
        browser.waitUntilGone(By.cssSelector(".modal-dialog"));
        return this;
    }

    /** Picks the option of this label in the form's radio group. */
    Tasklist choose(String option) {
        browser.click(By.xpath("//div[contains(@class,'fjs-form-field-radio')]//label[normalize-space()='" + option
                + "']"));
        return this;
    }

    /** The href of the form's link with this text. */
    String link(String text) {
        return browser.waitFor(By.xpath("//div[contains(@class,'fjs-form')]//a[normalize-space()=\"" + text + "\"]"))
                .getAttribute("href");
    }

    /** Ticks the form's checkbox labelled so. */
    Tasklist tick(String label) {
        WebElement box = field(label, "input[@type='checkbox']");
        if (!box.isSelected()) {
            box.click();
        }
        return this;
    }

    /** Types into the form's text field or area labelled so. */
    Tasklist type(String label, String text) {
        field(label, "*[self::textarea or self::input]").sendKeys(text);
        return this;
    }

    /** What the form's field labelled so holds (a read-only one the process filled in, say). */
    String valueOf(String label) {
        return field(label, "*[self::textarea or self::input]").getDomProperty("value");
    }

    Tasklist complete() {
        browser.click(By.xpath("//button[@type='submit' and normalize-space()='Complete']"));
        return this;
    }

    /** Waits until the list no longer shows a task of this name. */
    Tasklist noLongerLists(String taskName) {
        browser.waitUntilGone(taskInList(taskName));
        return this;
    }

    private WebElement field(String label, String control) {
        return browser.clickable(By.xpath("//label[contains(normalize-space(), '" + label + "')]/ancestor::div"
                + "[contains(@class,'fjs-form-field')][1]//" + control));
    }

    private static By taskInList(String taskName) {
        return By.xpath("//*[contains(@class,'tasks-list')]//*[normalize-space()='" + taskName + "']");
    }
}
