package io.redeploy.app.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

import io.redeploy.app.support.ServiceIT;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard end to end in Debian's chromium (headless, driven by chromedriver): sign in, open an
 * environment, redeploy a node to a new tag through the dialog while its progress streams in, and
 * find the node on the new tag with its listed file kept. Saves screenshots (see {@link #screenshot}).
 */
class DashboardIT extends ServiceIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private WebDriver browser;

	private Path profile;

	@BeforeEach
	void startBrowser() throws IOException {
		// CI installs the browser (scripts/docker-engine.sh --with-browser): there, a missing one is a failure
		boolean ci = System.getenv("CI") != null;
		assumeTrue(ci || (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)),
				"Debian's chromium and chromium-driver are not installed");
		this.profile = Files.createTempDirectory("dashboard-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,960", "--user-data-dir=" + this.profile);
		// an explicit driver: Selenium Manager must never try to download one
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		this.browser.manage().window().setSize(new Dimension(1280, 960));
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.profile != null) {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

	@Test
	void aNodeIsRedeployedThroughTheDialogWithLiveProgressAndKeepsItsListedFile() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "dash", List.of(Map.of("nodeGroup", "cp", "image",
				TestImages.APP_1.toString(), "volumes", List.of("/data"), "ports", List.of(8080))));
		long nodeId = nodeIds(session, envName, "cp").get(0);
		exec(session, envName, nodeId, "mkdir -p /opt/keep && echo listed-file > /opt/keep/file.txt"
				+ " && echo /opt/keep/file.txt >> /etc/jelastic/redeploy.conf");

		this.browser.get("http://127.0.0.1:" + port() + "/");
		waitFor(By.id("signin-form"));
		type(By.id("login"), ALICE);
		type(By.id("password"), PASSWORD);
		screenshot("dashboard-signin");
		this.browser.findElement(By.id("signin-button")).click();

		waitFor(By.cssSelector("a.env-link[data-env='" + envName + "']")).click();
		WebElement row = waitFor(By.cssSelector("tr.node[data-node='" + nodeId + "']"));
		assertThat(row.findElement(By.className("node-tag")).getText()).isEqualTo("1");
		waitFor(By.cssSelector("#history-rows td"));
		screenshot("dashboard-environment");

		row.findElement(By.className("redeploy-node")).click();
		waitFor(By.id("redeploy-dialog"));
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.until((driver) -> driver.findElements(By.cssSelector("#preserved-entries li.preserved-entry"))
			.stream()
			.anyMatch((entry) -> entry.getText().equals("/opt/keep/file.txt")));
		assertThat(texts(By.cssSelector("#preserved-volumes li"))).containsExactly("/data");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tag-suggestions option[value='2']")));
		type(By.id("redeploy-tag"), "2");
		screenshot("dashboard-redeploy-dialog");
		this.browser.findElement(By.id("redeploy-confirm")).click();

		WebDriverWait redeploy = new WebDriverWait(this.browser, Duration.ofMinutes(3));
		redeploy.until(ExpectedConditions.attributeToBe(By.id("redeploy-dialog"), "data-state", "done"));
		WebElement progress = this.browser.findElement(By.cssSelector("#progress-rows tr[data-node='" + nodeId + "']"));
		assertThat(progress.getDomAttribute("data-outcome")).isEqualTo("SUCCESS");
		assertThat(this.browser.findElement(By.id("redeploy-dialog")).getDomAttribute("data-status")).isEqualTo("OK");
		assertThat(progress.findElements(By.cssSelector(".steps span")).stream().map((step) -> step.getDomAttribute("data-step")))
			.startsWith("PLAN", "ARCHIVE")
			.endsWith("COMMIT");
		assertThat(progress.findElement(By.cssSelector(".outcome")).getText()).containsPattern("unavailable \\d+\\.\\d s");
		WebElement log = this.browser.findElement(By.id("event-log"));
		List<Long> seqs = Arrays.stream(log.getDomAttribute("data-seqs").split(",")).map(Long::valueOf).toList();
		List<String> types = List.of(log.getDomAttribute("data-types").split(","));
		assertThat(seqs).as("events arrive once each, in order, from the first")
			.containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
		assertThat(types.get(0)).isEqualTo("OperationStarted");
		assertThat(types.get(types.size() - 1)).isEqualTo("OperationFinished");
		assertThat(types).contains("NodeStarted", "StepStarted", "StepFinished", "NodeFinished");
		redeploy.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#redeploy-archives li")));
		assertThat(this.browser.findElement(By.id("redeploy-archives")).getText()).contains("/opt/keep/file.txt");
		screenshot("dashboard-redeploy-progress");

		assertThat(node(session, envName, nodeId).get("tag").asString()).isEqualTo("2");
		assertThat(exec(session, envName, nodeId, "cat /opt/app/VERSION")).isEqualTo("2\n");
		assertThat(exec(session, envName, nodeId, "cat /opt/keep/file.txt")).isEqualTo("listed-file\n");

		this.browser.findElement(By.id("redeploy-cancel")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20)).until((driver) -> driver
			.findElement(By.cssSelector("tr.node[data-node='" + nodeId + "'] .node-tag"))
			.getText()
			.equals("2"));
		deleteEnvironment(session, envName);
	}

	private WebElement waitFor(By locator) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	private void type(By locator, String text) {
		WebElement input = this.browser.findElement(locator);
		input.clear();
		input.sendKeys(text);
	}

	private List<String> texts(By locator) {
		return this.browser.findElements(locator).stream().map(WebElement::getText).toList();
	}

	/**
	 * Saves the page as target/screenshots/<name>.png; with {@code -Dscreenshots.docs=true}, as
	 * docs/images/<name>.png for the README instead (so that a plain test run leaves the tree clean).
	 */
	private void screenshot(String name) {
		File shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
		try {
			Path images = Files.createDirectories(Boolean.getBoolean("screenshots.docs")
					? projectRoot().resolve("docs/images") : Path.of("target/screenshots"));
			Files.copy(shot.toPath(), images.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path projectRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("docs/api.md"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("No docs/api.md above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

}
