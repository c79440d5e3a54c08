//! A small W3C WebDriver client: Debian's headless Chromium driven through chromedriver, over
//! plain HTTP (ureq). Enough for the room's pages: navigate, find by CSS, click, type, read,
//! run a script, tabs, screenshots, and Chromium's network conditions (offline / online).
//!
//! Each `Browser` has its own chromedriver on a free port, its own Chromium and a fresh
//! profile in a temporary folder (also its HOME, so that nothing lands in the user's);
//! dropped, it ends the WebDriver session (which quits Chromium), stops chromedriver and
//! removes the folder.
#![allow(dead_code)]

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The key WebDriver names an element by in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Where chromedriver is: Debian's place, else the first on PATH.
pub fn chromedriver() -> Option<PathBuf> {
    let debian = PathBuf::from(CHROMEDRIVER);
    if debian.is_file() {
        return Some(debian);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("chromedriver"))
            .find(|p| p.is_file())
    })
}

/// Whether Chromium and chromedriver are installed.
pub fn available() -> bool {
    Path::new(CHROMIUM).is_file() && chromedriver().is_some()
}

/// A WebDriver error (the driver's `error` and `message`), or the HTTP exchange failing.
#[derive(Debug, Clone)]
pub struct Error {
    pub what: String,
    pub status: u16,
    pub error: String,
    pub message: String,
}

impl Error {
    fn local(what: &str, message: impl fmt::Display) -> Error {
        Error {
            what: what.to_string(),
            status: 0,
            error: "local".into(),
            message: message.to_string(),
        }
    }

    /// The element went away (the page replaced it): worth finding it again.
    pub fn is_stale(&self) -> bool {
        self.error == "stale element reference" || self.error == "no such element"
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message.lines().next().unwrap_or("");
        write!(
            f,
            "webdriver {}: {} {} ({})",
            self.what, self.status, self.error, message
        )
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// An element of the current page, as the driver names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(pub String);

impl Element {
    /// The JSON a script receives as this element.
    pub fn json(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

/// A free TCP port on 127.0.0.1 (bound, then released).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// An HTTP agent that hands back 4xx and 5xx answers (WebDriver's errors, the room's
/// refusals) instead of failing, and ignores any proxy of the environment.
pub fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(timeout))
        .build()
        .new_agent()
}

pub struct Browser {
    driver: Child,
    /// `http://127.0.0.1:PORT/session/ID`.
    session: String,
    agent: ureq::Agent,
    /// Chromium's process, to end it if the session could not be closed.
    browser_pid: Option<u32>,
    profile: PathBuf,
    _home: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a phone's window (390×844).
    /// `extra_args`: more Chromium switches.
    pub fn start(extra_args: &[&str]) -> Result<Browser> {
        Browser::start_with(extra_args, "normal")
    }

    /// `start`, with WebDriver's page load strategy: `normal` (`navigate` returns once the
    /// page is loaded), `eager` (once its DOM is) or `none` (at once: the caller polls).
    pub fn start_with(extra_args: &[&str], page_load: &str) -> Result<Browser> {
        let driver_bin = chromedriver().ok_or_else(|| Error::local("start", "no chromedriver"))?;
        let home = tempfile::Builder::new()
            .prefix("atelier-chromium-")
            .tempdir()
            .map_err(|e| Error::local("start", e))?;
        let profile = home.path().join("profile");
        let log = home.path().join("chromedriver.log");
        let port = free_port();
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            // Chromium inherits it: its crash database and caches stay in the temporary folder.
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Error::local("start chromedriver", e))?;
        let agent = agent(Duration::from_secs(60));
        let root = format!("http://127.0.0.1:{port}");
        let mut browser = Browser {
            driver,
            session: String::new(),
            agent,
            browser_pid: None,
            profile: profile.clone(),
            _home: home,
        };
        // Ready when /status says so.
        let since = Instant::now();
        loop {
            let ready = browser
                .agent
                .get(format!("{root}/status"))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_json::<Value>().ok())
                .is_some_and(|v| v["value"]["ready"] == json!(true));
            if ready {
                break;
            }
            if let Ok(Some(status)) = browser.driver.try_wait() {
                return Err(Error::local(
                    "start chromedriver",
                    format!("exited: {status}"),
                ));
            }
            if since.elapsed() > Duration::from_secs(20) {
                return Err(Error::local("start chromedriver", "not ready within 20 s"));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=390,844",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.extend(extra_args.iter().map(|s| s.to_string()));
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "pageLoadStrategy": page_load,
                    "goog:chromeOptions": {
                        "binary": CHROMIUM,
                        "args": args,
                        // Headless Chromium keeps a window at least 500 px wide and takes
                        // its frame off the height: the phone's viewport is set here.
                        "mobileEmulation": {
                            "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 1.0 }
                        }
                    }
                }
            }
        });
        let value = browser.raw(
            "new session",
            "POST",
            &format!("{root}/session"),
            Some(caps),
        )?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| Error::local("new session", format!("no session id in {value}")))?;
        browser.session = format!("{root}/session/{id}");
        browser.browser_pid = value["capabilities"]["goog:processID"]
            .as_u64()
            .and_then(|p| u32::try_from(p).ok());
        browser.post(
            "timeouts",
            "/timeouts",
            json!({ "pageLoad": 30_000, "script": 30_000, "implicit": 0 }),
        )?;
        Ok(browser)
    }

    /// One exchange with the driver: the `value` of its answer, or its error.
    fn raw(&self, what: &str, method: &str, url: &str, body: Option<Value>) -> Result<Value> {
        let sent = match (method, body) {
            ("GET", _) => self.agent.get(url).call(),
            ("DELETE", _) => self.agent.delete(url).call(),
            (_, Some(b)) => self.agent.post(url).send_json(b),
            (_, None) => self.agent.post(url).send_json(json!({})),
        };
        let mut answer = sent.map_err(|e| Error::local(what, e))?;
        let status = answer.status().as_u16();
        let text = answer
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| Error::local(what, e))?;
        let json: Value = serde_json::from_str(&text)
            .map_err(|e| Error::local(what, format!("{e}: {text:.200}")))?;
        let value = json.get("value").cloned().unwrap_or(Value::Null);
        if status >= 400 {
            return Err(Error {
                what: what.to_string(),
                status,
                error: value["error"].as_str().unwrap_or("").to_string(),
                message: value["message"].as_str().unwrap_or("").to_string(),
            });
        }
        Ok(value)
    }

    fn get(&self, what: &str, path: &str) -> Result<Value> {
        self.raw(what, "GET", &format!("{}{path}", self.session), None)
    }

    fn post(&self, what: &str, path: &str, body: Value) -> Result<Value> {
        self.raw(what, "POST", &format!("{}{path}", self.session), Some(body))
    }

    /// Opens `url` in the current tab and waits for its load.
    pub fn navigate(&self, url: &str) -> Result<()> {
        self.post(&format!("navigate to {url}"), "/url", json!({ "url": url }))
            .map(|_| ())
    }

    pub fn current_url(&self) -> Result<String> {
        Ok(self
            .get("current url", "/url")?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    pub fn refresh(&self) -> Result<()> {
        self.post("refresh", "/refresh", json!({})).map(|_| ())
    }

    fn element_of(what: &str, v: &Value) -> Result<Element> {
        v[ELEMENT_KEY]
            .as_str()
            .map(|s| Element(s.to_string()))
            .ok_or_else(|| Error::local(what, format!("not an element: {v}")))
    }

    /// The first element `css` matches.
    pub fn find(&self, css: &str) -> Result<Element> {
        let what = format!("find {css}");
        let v = self.post(
            &what,
            "/element",
            json!({ "using": "css selector", "value": css }),
        )?;
        Self::element_of(&what, &v)
    }

    /// Every element `css` matches, in document order.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let what = format!("find all {css}");
        let v = self.post(
            &what,
            "/elements",
            json!({ "using": "css selector", "value": css }),
        )?;
        v.as_array()
            .map(|a| a.iter().map(|e| Self::element_of(&what, e)).collect())
            .unwrap_or_else(|| Ok(Vec::new()))
    }

    pub fn click(&self, e: &Element) -> Result<()> {
        self.post("click", &format!("/element/{}/click", e.0), json!({}))
            .map(|_| ())
    }

    /// Types `text` into the element, as a keyboard would.
    pub fn send_keys(&self, e: &Element, text: &str) -> Result<()> {
        self.post(
            "send keys",
            &format!("/element/{}/value", e.0),
            json!({ "text": text }),
        )
        .map(|_| ())
    }

    pub fn clear(&self, e: &Element) -> Result<()> {
        self.post("clear", &format!("/element/{}/clear", e.0), json!({}))
            .map(|_| ())
    }

    /// The element's rendered text.
    pub fn text(&self, e: &Element) -> Result<String> {
        Ok(self
            .get("text", &format!("/element/{}/text", e.0))?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    /// A DOM property of the element (`value`, `disabled`…).
    pub fn property(&self, e: &Element, name: &str) -> Result<Value> {
        self.get("property", &format!("/element/{}/property/{name}", e.0))
    }

    /// Runs `script` (a function body: `arguments`, `return`) in the page, synchronously.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.post(
            "execute script",
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
    }

    /// A new tab (not switched to): its handle.
    pub fn new_window(&self) -> Result<String> {
        let v = self.post("new window", "/window/new", json!({ "type": "tab" }))?;
        v["handle"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| Error::local("new window", format!("no handle in {v}")))
    }

    pub fn switch_to(&self, handle: &str) -> Result<()> {
        self.post("switch to window", "/window", json!({ "handle": handle }))
            .map(|_| ())
    }

    /// Closes the current tab (its page is gone, not kept for a « back »); switch to
    /// another one after.
    pub fn close_window(&self) -> Result<()> {
        self.raw(
            "close window",
            "DELETE",
            &format!("{}/window", self.session),
            None,
        )
        .map(|_| ())
    }

    pub fn window_handle(&self) -> Result<String> {
        Ok(self
            .get("window handle", "/window")?
            .as_str()
            .unwrap_or("")
            .to_string())
    }

    pub fn window_handles(&self) -> Result<Vec<String>> {
        let v = self.get("window handles", "/window/handles")?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|h| h.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The current tab's viewport as a PNG.
    pub fn screenshot(&self) -> Result<Vec<u8>> {
        use base64::Engine;
        let v = self.get("screenshot", "/screenshot")?;
        let b64 = v.as_str().unwrap_or("");
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| Error::local("screenshot", e))
    }

    /// Chromium's network emulation for the current tab: offline, every request fails at
    /// once as without a network (`navigator.onLine` is false); online, as before.
    pub fn set_offline(&self, offline: bool) -> Result<()> {
        self.post(
            "network conditions",
            "/chromium/network_conditions",
            json!({ "network_conditions": {
                "offline": offline,
                "latency": 0,
                "download_throughput": -1,
                "upload_throughput": -1
            }}),
        )
        .map(|_| ())
    }

    /// Polls `script` until it returns something truthy (not null, false, 0 or ""); that
    /// value, or an error naming `what` and the last value after `timeout`.
    pub fn wait_script(
        &self,
        what: &str,
        timeout: Duration,
        script: &str,
        args: Vec<Value>,
    ) -> Result<Value> {
        let since = Instant::now();
        loop {
            let last = self.execute(script, args.clone());
            if let Ok(v) = &last {
                let truthy = match v {
                    Value::Null => false,
                    Value::Bool(b) => *b,
                    Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
                    Value::String(s) => !s.is_empty(),
                    _ => true,
                };
                if truthy {
                    return Ok(v.clone());
                }
            }
            if since.elapsed() > timeout {
                let url = self.current_url().unwrap_or_default();
                return Err(Error::local(
                    &format!("wait for {what}"),
                    format!("timed out after {timeout:?} on {url}; last: {last:?}"),
                ));
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ending the session quits Chromium; chromedriver alone would leave it running.
        if !self.session.is_empty() {
            let _ = self.raw("delete session", "DELETE", &self.session.clone(), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        #[cfg(unix)]
        if let Some(pid) = self.browser_pid {
            // Still there (the session could not be ended): ended here, if it is this
            // browser (its command line names this profile).
            let ours = std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| String::from_utf8_lossy(&c).contains(&self.profile.display().to_string()))
                .unwrap_or(false);
            if ours && let Ok(pid) = i32::try_from(pid) {
                // SAFETY: a signal to one process id, checked just above to be ours.
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                }
            }
        }
    }
}
