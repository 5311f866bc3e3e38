"""The Python half of scripts/bench-instances (standard library only).

Cloud side, straight against the APIs (no client library, so any python3 runs it):
  prepare STATE MAX    save demo's quota to STATE/quota.json, raise it for MAX more servers,
                       make the network the bench- servers use
  servers TARGET       boot bench- servers in project demo until it holds TARGET servers,
                       wait until they are ACTIVE; prints the project's actual total
  lookup-limit         how many servers Nova can list in one page here (see lookup_limit)
  cleanup STATE        delete every bench- server and the network, restore the quota

Timed page loads (a keep-alive connection per site, like a browser tab):
  meridian URL PAGE_SIZE ROWS RUNS WARMUP LOG
  horizon  URL PAGE_SIZE ROWS RUNS WARMUP ACCESS_LOG...
each logs in as demo, loads /project/instances/ WARMUP times, counts the upstream calls of
one more load, then times RUNS loads and prints "median_ms p90_ms calls".

Image upload (a FILE of zeros, sent as raw data; both dashboards in project demo):
  upload meridian URL FILE PID  Create Image's two steps: the server function, then the
                                streamed PUT of the file to Meridian
  upload horizon  URL FILE PID  Horizon's Create Image form (legacy mode, the default: the
                                file is posted to Horizon, which passes it on to Glance in a
                                thread), timed until Glance has the image active
each prints "ms peak_growth_mib": the wall time until Glance holds the image, and how far the
process's resident memory rose above where it stood (PID: Meridian, or Horizon's worker).

Other panels (the networks and routers pages), same method:
  pages-prepare COUNT  give project demo COUNT bench-pg- networks (each with a subnet) and as
                       many bench-pg- routers (gateway on ext-net, an interface on one of them)
  pages-cleanup        delete them
  page meridian URL PATH TABLE RUNS WARMUP LOG
  page horizon  URL PATH TABLE RUNS WARMUP ACCESS_LOG...
                       prints "median_ms p90_ms calls rows" for PATH (table#TABLE)
"""
import http.client
import json
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

KEYSTONE = os.environ.get("MERIDIAN_AUTH_URL", "http://127.0.0.1:5000/v3").rstrip("/")
PREFIX = "bench-"
NETWORK = "bench-net"
CIDR = "10.250.0.0/22"          # room for 1000 ports: the 200 scenario and more
FLAVOR = "m1.tiny"
IMAGE = "tiny"
PAGE = 50                       # servers per Nova page when listing them here
STALL = 180                     # seconds without progress before a wait gives up
TIMEOUT = 60                    # seconds, for any one API call
# Our own user agent, so the access logs tell these calls from the dashboards'.
USER_AGENT = "meridian-bench-instances"


def log(msg):
    print("[bench] %s" % msg, file=sys.stderr, flush=True)


def die(msg):
    log("error: " + msg)
    sys.exit(1)


# --- OpenStack, as admin or demo -------------------------------------------------------

class Api:
    """A token scoped to one project, and the catalog's public endpoints."""

    def __init__(self, user, password, project):
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"name": "Default"}, "password": password}}},
            "scope": {"project": {"name": project, "domain": {"name": "Default"}}}}}
        resp, data = self._call("POST", KEYSTONE + "/auth/tokens", body, token=None)
        self.token = resp.headers["X-Subject-Token"]
        self.project_id = data["token"]["project"]["id"]
        self.endpoints = {}
        for svc in data["token"]["catalog"]:
            for ep in svc["endpoints"]:
                if ep["interface"] == "public":
                    self.endpoints[svc["type"]] = ep["url"].rstrip("/")

    @staticmethod
    def _call(method, url, body=None, token=None, ok=(200, 201, 202, 204)):
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT,
                   # 2.37+ takes the `networks` list as we give it.
                   "OpenStack-API-Version": "compute 2.79"}
        if token:
            headers["X-Auth-Token"] = token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                text = resp.read()
                status = resp.status
        except urllib.error.HTTPError as e:
            text, status, resp = e.read(), e.code, e
        if status not in ok:
            raise RuntimeError("%s %s: %s %s" % (method, url, status, text[:300].decode(errors="replace")))
        return resp, (json.loads(text) if text else {})

    def call(self, method, service, path, body=None, ok=(200, 201, 202, 204)):
        return self._call(method, self.endpoints[service] + path, body, self.token, ok)[1]


def demo():
    return Api("demo", "demo", "demo")


def admin():
    return Api("admin", "admin", "admin")


def project_servers(api, name_prefix=None):
    """Every server of the token's project (any status, with details), following Nova's
    pages. Pages stay small: for each page Nova asks Neutron for the servers' ports in one
    GET whose query names every server, and a long one can pass an API's request-line limit.
    """
    servers, marker = [], None
    while True:
        q = {"limit": str(PAGE)}
        if marker:
            q["marker"] = marker
        if name_prefix:
            q["name"] = "^" + name_prefix
        page = api.call("GET", "compute", "/servers/detail?" + urllib.parse.urlencode(q))["servers"]
        servers += page
        if len(page) < PAGE:
            return servers
        marker = page[-1]["id"]


# --- prepare / servers / cleanup ---------------------------------------------------------

def prepare(state_dir, max_target):
    adm, dem = admin(), demo()
    pid = dem.project_id
    saved = os.path.join(state_dir, "quota.json")
    nova = adm.call("GET", "compute", "/os-quota-sets/%s/detail" % pid)["quota_set"]
    neutron = adm.call("GET", "network", "/v2.0/quotas/%s/details.json" % pid)["quota"]
    flavor = next(f for f in dem.call("GET", "compute", "/flavors/detail")["flavors"]
                  if f["name"] == FLAVOR)
    # Keep the first saved limits: a rerun after a crash must not save the raised ones.
    state = {"project_id": pid,
             "nova": {k: nova[k]["limit"] for k in ("instances", "cores", "ram")},
             "neutron": {"port": neutron["port"]["limit"]}}
    if os.path.exists(saved):
        with open(saved) as f:
            state = json.load(f)
    # Enough for MAX more servers on top of what the project uses now (-1: no limit).
    def need(limit, used, per):
        want = used + max_target * per
        return limit if limit == -1 or limit >= want else want
    raised = {"instances": need(nova["instances"]["limit"], nova["instances"]["in_use"], 1),
              "cores": need(nova["cores"]["limit"], nova["cores"]["in_use"], flavor["vcpus"]),
              "ram": need(nova["ram"]["limit"], nova["ram"]["in_use"], flavor["ram"])}
    port = need(neutron["port"]["limit"], neutron["port"]["used"], 1)
    # What we set is saved too: clean-up restores only limits nobody changed since.
    state["raised"] = {"nova": raised, "neutron": {"port": port}}
    with open(saved, "w") as f:
        json.dump(state, f)
    log("demo's quota for the run: %s, ports %s" % (raised, port))
    adm.call("PUT", "compute", "/os-quota-sets/%s" % pid, {"quota_set": raised})
    adm.call("PUT", "network", "/v2.0/quotas/%s" % pid, {"quota": {"port": port}})
    # Our own network, so the run neither depends on nor fills anyone else's subnet.
    nets = dem.call("GET", "network", "/v2.0/networks?name=" + NETWORK)["networks"]
    if not nets:
        net = dem.call("POST", "network", "/v2.0/networks", {"network": {"name": NETWORK}})["network"]
        dem.call("POST", "network", "/v2.0/subnets", {"subnet": {
            "network_id": net["id"], "ip_version": 4, "cidr": CIDR, "name": NETWORK + "-subnet"}})


def servers(target):
    dem = demo()
    have = project_servers(dem)
    missing = target - len(have)
    if missing > 0:
        net = dem.call("GET", "network", "/v2.0/networks?name=" + NETWORK)["networks"][0]["id"]
        image = dem.call("GET", "image", "/v2/images?name=" + IMAGE)["images"][0]["id"]
        flavor = next(f["id"] for f in dem.call("GET", "compute", "/flavors")["flavors"]
                      if f["name"] == FLAVOR)
        # One request for all of them: Nova names them bench-<target>-1..n.
        log("booting %d %s servers (the project has %d)" % (missing, PREFIX, len(have)))
        dem.call("POST", "compute", "/servers", {"server": {
            "name": "%s%d" % (PREFIX, target), "imageRef": image, "flavorRef": flavor,
            "networks": [{"uuid": net}], "min_count": missing, "max_count": missing}})
    # The fake driver spawns at once; Neutron's port binding and its events to Nova take the
    # time (a few seconds a server on 2 busy cores).
    def pending():
        states = {}
        for s in project_servers(dem, PREFIX):
            states[s["status"]] = states.get(s["status"], 0) + 1
        if states.get("ERROR"):
            die("%d %s servers went to ERROR" % (states["ERROR"], PREFIX))
        return sum(n for st, n in states.items() if st != "ACTIVE"), states
    if not wait("booting", pending, 120 + 8 * max(missing, 0)):
        die("%s servers not ACTIVE in time" % PREFIX)
    mine = project_servers(dem, PREFIX)
    total = len(project_servers(dem))
    log("project demo holds %d servers (%d %s)" % (total, len(mine), PREFIX))
    print(total)


def wait(what, pending, budget):
    """Polls pending() -> (how many are left, a description) until none is left; False
    after `budget` seconds, or after STALL seconds in which the number did not go down."""
    start = last_change = last_log = time.time()
    fewest = None
    while True:
        left, detail = pending()
        if left == 0:
            return True
        now = time.time()
        if fewest is None or left < fewest:
            fewest, last_change = left, now
        if now - start > budget or now - last_change > STALL:
            log("%s: gave up after %d s: %s" % (what, now - start, detail))
            return False
        if now - last_log >= 30:
            log("%s: %s (%d s)" % (what, detail, now - start))
            last_log = now
        time.sleep(3)


def lookup_limit():
    """How many servers Nova can list in one page on this cloud: it asks Neutron for their
    ports in one GET naming each (up to 150 per GET), and an API server with a short
    request-line limit (gunicorn's default 4094 bytes) answers 414, so Nova a 500."""
    dem = demo()

    def passes(n):
        q = "&".join("device_id=%s" % uuid.uuid4() for _ in range(n))
        try:
            dem.call("GET", "network", "/v2.0/ports?" + q)
            return True
        except RuntimeError as e:
            if ": 414 " in str(e):
                return False
            raise
    if passes(150):
        print(1000000)
        return
    lo, hi = 0, 150             # passes(lo), not passes(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if passes(mid) else (lo, mid)
    print(lo)


def cleanup(state_dir):
    dem = demo()
    mine = project_servers(dem, PREFIX)
    if mine:
        log("deleting %d %s servers" % (len(mine), PREFIX))
    for s in mine:
        dem.call("DELETE", "compute", "/servers/" + s["id"], ok=(204, 404))
    def pending():
        left = len(project_servers(dem, PREFIX))
        return left, "%d left" % left
    if mine and not wait("deleting", pending, 120 + 4 * len(mine)):
        log("warning: %s servers are still there" % PREFIX)
    # The network goes once Nova has released its ports.
    for net in dem.call("GET", "network", "/v2.0/networks?name=" + NETWORK)["networks"]:
        for _ in range(20):
            try:
                dem.call("DELETE", "network", "/v2.0/networks/" + net["id"], ok=(204, 404))
                break
            except RuntimeError:
                time.sleep(3)
        else:
            log("warning: could not delete %s" % NETWORK)
    # The quota comes back last. Others may change it meanwhile (a test that raises and
    # then restores it): a limit that is no longer what we set is theirs, and stays.
    saved = os.path.join(state_dir, "quota.json")
    if os.path.exists(saved):
        with open(saved) as f:
            q = json.load(f)
        adm = admin()
        pid = q["project_id"]
        nova = adm.call("GET", "compute", "/os-quota-sets/%s" % pid)["quota_set"]
        neutron = adm.call("GET", "network", "/v2.0/quotas/%s" % pid)["quota"]
        back = {k: v for k, v in q["nova"].items() if nova[k] == q["raised"]["nova"][k]}
        if back:
            # Forced: Nova refuses a limit below what is in use, and others may have
            # launched servers in demo while it was raised.
            adm.call("PUT", "compute", "/os-quota-sets/%s" % pid, {"quota_set": dict(back, force=True)})
        if neutron["port"] == q["raised"]["neutron"]["port"]:
            adm.call("PUT", "network", "/v2.0/quotas/%s" % pid, {"quota": q["neutron"]})
            back["port"] = q["neutron"]["port"]
        left = sorted((set(q["nova"]) | {"port"}) - set(back))
        log("demo's quota restored: %s" % back)
        if left:
            log("warning: demo's %s changed while the benchmark ran: left as they are "
                "(before the run: %s, ports %s)" % (", ".join(left), q["nova"], q["neutron"]["port"]))
        os.remove(saved)


# --- timed page loads --------------------------------------------------------------------

class Browser:
    """One keep-alive connection and a cookie jar: enough of a browser for SSR pages."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host = u.netloc
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        h = {"Host": self.host, "User-Agent": USER_AGENT, "Accept": "text/html"}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        h.update(headers or {})
        if body is not None:
            body = urllib.parse.urlencode(body)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=h)
                resp = self.conn.getresponse()
                text = resp.read().decode(errors="replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed the idle keep-alive connection: once more on a new one.
                self.conn.close()
                if attempt == 2:
                    raise
        for name, value in resp.getheaders():
            if name.lower() == "set-cookie":
                k, _, v = value.split(";", 1)[0].partition("=")
                self.cookies[k.strip()] = v.strip()
        return resp.status, resp, text


def check_page(status, text, rows, size, who):
    """Checks one answer; returns the rows to expect from now on."""
    if status != 200:
        die("%s answered %s for the instances page" % (who, status))
    if 'table id="instances"' not in text:
        die("%s's page has no table id=\"instances\"" % who)
    got = text.count("data-display=")
    if got != rows:
        # Others may add or delete servers in demo meanwhile: what does it hold now?
        now = min(len(project_servers(demo())), size)
        if got != now:
            die("%s's page shows %d rows, expected %d" % (who, got, rows))
        log("note: %s shows %d rows, not %d: someone changed project demo meanwhile"
            % (who, got, rows))
    return got


def load(browser, path, rows, size, who):
    """One page load, checked: its wall time in ms (first byte sent to last byte read) and
    the rows to expect next."""
    t0 = time.perf_counter()
    status, _, text = browser.request("GET", path)
    ms = (time.perf_counter() - t0) * 1000
    return ms, check_page(status, text, rows, size, who)


def timed(browser, path, runs, rows, size, who):
    times = []
    for _ in range(runs):
        ms, rows = load(browser, path, rows, size, who)
        times.append(ms)
    times.sort()
    p90 = times[min(len(times) - 1, int(round(0.9 * len(times))) - 1)]
    return statistics.median(times), p90


def meridian_session(base, who="demo"):
    """A browser logged in to Meridian as WHO (demo or admin), in the project of that name."""
    b = Browser(base)
    # Both dashboards scope the login to the project in this cookie (else the user's first
    # project by name, which for demo is `alt`).
    b.cookies["recent_project"] = Api(who, who, who).project_id
    # The login form posts to its server function; without JavaScript the answer is a
    # redirect, and the session cookie comes with it.
    status, resp, _ = b.request("POST", "/api/login", {
        "username": who, "password": who, "domain": "Default", "next": "/project/"},
        headers={"Origin": base})
    if status not in (200, 302, 303) or "sessionid" not in b.cookies:
        die("Meridian login failed: %s %s" % (status, resp.getheader("Location")))
    return b


def meridian(base, page_size, rows, runs, warmup, logfile):
    b = meridian_session(base)
    path = "/project/instances/?page_size=%d" % page_size
    for _ in range(warmup):
        _, rows = load(b, path, rows, page_size, "Meridian")
    # One more load, alone, counted in Meridian's own log ("upstream call" per request).
    before = upstream_lines(logfile)
    _, rows = load(b, path, rows, page_size, "Meridian")
    time.sleep(0.2)     # the log is written as the calls finish; let the last line land
    calls = upstream_lines(logfile) - before
    median, p90 = timed(b, path, runs, rows, page_size, "Meridian")
    print("%.0f %.0f %d" % (median, p90, calls))


def upstream_lines(path):
    with open(path, errors="replace") as f:
        return sum(1 for line in f if "upstream call" in line)


def horizon_call(line):
    """Is this access-log line (gunicorn's combined format) a call Horizon made?

    Horizon's clients name themselves in User-Agent: python-novaclient, -glanceclient,
    -cinderclient, -keystoneclient, keystoneauth sessions named after the process
    ("gunicorn keystoneauth1/..."), and bare python-requests for cinderclient's version
    discovery. keystonemiddleware in each service checks new tokens with GET /v3/auth/tokens
    under python-keystoneclient's name too: that is the services' work, left out.
    """
    parts = line.split('"')
    if len(parts) < 6:
        return False
    request, agent = parts[1], parts[5]
    if agent.startswith("python-keystoneclient") and request.startswith("GET /v3/auth/tokens"):
        return False
    return agent.startswith(("python-", "gunicorn keystoneauth1"))


def horizon_session(base, who="demo"):
    """A browser logged in to Horizon as WHO (demo or admin), in the project of that name."""
    b = Browser(base)
    b.cookies["recent_project"] = Api(who, who, who).project_id
    status, _, text = b.request("GET", "/auth/login/")
    if status != 200:
        die("Horizon's login page answered %s" % status)
    # Every field the form carries (CSRF token, the hidden region, ...), then ours.
    form = {}
    for tag in re.findall(r"<input[^>]*>", text):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            form[name.group(1)] = value.group(1) if value else ""
    form.update({"username": who, "password": who, "domain": "Default"})
    status, resp, _ = b.request("POST", "/auth/login/", form, headers={
        "Referer": base + "/auth/login/", "Origin": base})
    if status != 302 or "/auth/login" in (resp.getheader("Location") or ""):
        die("Horizon login failed: %s %s" % (status, resp.getheader("Location")))
    return b


def horizon(base, page_size, rows, runs, warmup, access_logs):
    b = horizon_session(base)
    # Horizon's "Items Per Page" user setting lives in this cookie (API_RESULT_PAGE_SIZE).
    b.cookies["API_RESULT_PAGE_SIZE"] = str(page_size)
    path = "/project/instances/"
    for _ in range(warmup):
        _, rows = load(b, path, rows, page_size, "Horizon")
    sizes = [os.path.getsize(p) for p in access_logs]
    _, rows = load(b, path, rows, page_size, "Horizon")
    time.sleep(0.5)     # gunicorn writes the access line after the response
    calls = 0
    for p, size in zip(access_logs, sizes):
        with open(p, errors="replace") as f:
            f.seek(size)
            calls += sum(1 for line in f if horizon_call(line))
    median, p90 = timed(b, path, runs, rows, page_size, "Horizon")
    print("%.0f %.0f %d" % (median, p90, calls))


# --- image upload ----------------------------------------------------------------------------

UPLOAD_NAME = "bench-upload"
CHUNK = 256 * 1024


def proc_kib(pid, key):
    with open("/proc/%s/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    die("%s not in /proc/%s/status" % (key, pid))


def file_chunks(path, head=b"", tail=b""):
    yield head
    with open(path, "rb") as f:
        while True:
            block = f.read(CHUNK)
            if not block:
                break
            yield block
    yield tail


def delete_upload_images(api):
    for img in api.call("GET", "image", "/v2/images?name=%s&limit=100" % UPLOAD_NAME)["images"]:
        api.call("DELETE", "image", "/v2/images/" + img["id"], ok=(204, 404))


def wait_active(api, started, budget=600):
    """Waits for the bench image to be active in Glance: the elapsed ms since `started`."""
    deadline = time.monotonic() + budget
    while time.monotonic() < deadline:
        imgs = api.call("GET", "image", "/v2/images?name=%s" % UPLOAD_NAME)["images"]
        if imgs and imgs[0]["status"] == "active":
            return (time.perf_counter() - started) * 1000
        if imgs and imgs[0]["status"] in ("killed", "deleted"):
            die("the uploaded image ended %s" % imgs[0]["status"])
        time.sleep(0.05)
    die("the uploaded image did not become active in %ss" % budget)


def upload(which, base, path, pid):
    dem = demo()
    delete_upload_images(dem)
    size = os.path.getsize(path)
    if which == "meridian":
        b = meridian_session(base)
    else:
        b = horizon_session(base)
    # From here on, the kernel's high-water mark starts at the current size.
    with open("/proc/%s/clear_refs" % pid, "w") as f:
        f.write("5")
    before = proc_kib(pid, "VmRSS")
    started = time.perf_counter()
    if which == "meridian":
        status, _, text = b.request("POST", "/api/create_image", {
            "name": UPLOAD_NAME, "description": "", "source_type": "file", "image_url": "",
            "file_size": str(size), "disk_format": "raw", "architecture": "", "min_disk": "",
            "min_ram": "", "visibility": "private"},
            headers={"Origin": base, "Accept": "application/json"})
        if status != 200:
            die("Meridian's create_image answered %s: %s" % (status, text[:300]))
        image_id = json.loads(text)
        b.conn.request("PUT", "/project/images/%s/upload/" % image_id,
                       body=file_chunks(path), headers={
                           "Host": b.host, "Origin": base, "Content-Length": str(size),
                           "Content-Type": "application/octet-stream",
                           "Cookie": "; ".join("%s=%s" % kv for kv in b.cookies.items())})
        resp = b.conn.getresponse()
        text = resp.read().decode(errors="replace")
        if resp.status != 204:
            die("Meridian's upload answered %s: %s" % (resp.status, text[:300]))
        ms = wait_active(dem, started)
    else:
        status, _, page = b.request("GET", "/project/images/create/")
        if status != 200:
            die("Horizon's Create Image form answered %s" % status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', page)
        if not token:
            die("no CSRF token in Horizon's Create Image form")
        boundary = uuid.uuid4().hex
        fields = {"csrfmiddlewaretoken": token.group(1), "name": UPLOAD_NAME, "description": "",
                  "source_type": "file", "disk_format": "raw", "architecture": "",
                  "min_disk": "0", "min_ram": "0", "visibility": "private"}
        head = "".join('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                       % (boundary, k, v) for k, v in fields.items())
        head += ('--%s\r\nContent-Disposition: form-data; name="image_file"; filename="bench.raw"'
                 "\r\nContent-Type: application/octet-stream\r\n\r\n" % boundary)
        tail = "\r\n--%s--\r\n" % boundary
        head, tail = head.encode(), tail.encode()
        b.conn.request("POST", "/project/images/create/", body=file_chunks(path, head, tail),
                       headers={
                           "Host": b.host, "Origin": base, "Referer": base + "/project/images/",
                           "Content-Length": str(len(head) + size + len(tail)),
                           "Content-Type": "multipart/form-data; boundary=" + boundary,
                           "Cookie": "; ".join("%s=%s" % kv for kv in b.cookies.items())})
        resp = b.conn.getresponse()
        text = resp.read().decode(errors="replace")
        if resp.status not in (200, 302):
            die("Horizon's Create Image answered %s: %s" % (resp.status, text[:300]))
        ms = wait_active(dem, started)
    peak = proc_kib(pid, "VmHWM")
    img = dem.call("GET", "image", "/v2/images?name=%s" % UPLOAD_NAME)["images"][0]
    if img.get("size") != size:
        die("%s: Glance holds %s bytes, not %s" % (which, img.get("size"), size))
    delete_upload_images(dem)
    print("%.0f %.1f" % (ms, (peak - before) / 1024))


# --- other panels: networks and routers ----------------------------------------------------

PAGES_PREFIX = "bench-pg-"


def pages_prepare(count):
    """COUNT networks with a subnet and COUNT routers (gateway on ext-net, one interface)."""
    dem = demo()
    ext = dem.call("GET", "network", "/v2.0/networks?name=ext-net")["networks"]
    if not ext:
        die("no ext-net in the test cloud")
    have = {n["name"] for n in dem.call("GET", "network", "/v2.0/networks")["networks"]}
    for i in range(count):
        name = "%snet-%02d" % (PAGES_PREFIX, i)
        if name in have:
            continue
        net = dem.call("POST", "network", "/v2.0/networks", {"network": {"name": name}})["network"]
        sub = dem.call("POST", "network", "/v2.0/subnets", {"subnet": {
            "network_id": net["id"], "name": name + "-sub", "ip_version": 4,
            "cidr": "10.251.%d.0/24" % i}})["subnet"]
        router = dem.call("POST", "network", "/v2.0/routers", {"router": {
            "name": "%srouter-%02d" % (PAGES_PREFIX, i),
            "external_gateway_info": {"network_id": ext[0]["id"]}}})["router"]
        dem.call("PUT", "network", "/v2.0/routers/%s/add_router_interface" % router["id"],
                 {"subnet_id": sub["id"]})
    log("project demo has %d %s networks and routers" % (count, PAGES_PREFIX))


def pages_cleanup():
    dem = demo()
    for r in dem.call("GET", "network", "/v2.0/routers")["routers"]:
        if not r["name"].startswith(PAGES_PREFIX):
            continue
        ports = dem.call("GET", "network", "/v2.0/ports?device_id=%s&device_owner=network:router_interface" % r["id"])["ports"]
        for p in ports:
            dem.call("PUT", "network", "/v2.0/routers/%s/remove_router_interface" % r["id"],
                     {"port_id": p["id"]}, ok=(200, 404))
        dem.call("DELETE", "network", "/v2.0/routers/" + r["id"], ok=(204, 404))
    for n in dem.call("GET", "network", "/v2.0/networks")["networks"]:
        if n["name"].startswith(PAGES_PREFIX):
            dem.call("DELETE", "network", "/v2.0/networks/" + n["id"], ok=(204, 404))


def page(which, base, path, table, runs, warmup, who, logs):
    """Times PATH as WHO: 'median p90 calls rows'. Every load must be a 200 with table#TABLE."""
    b = meridian_session(base, who) if which == "meridian" else horizon_session(base, who)
    marker = 'id="%s"' % table

    def one():
        t0 = time.perf_counter()
        status, _, text = b.request("GET", path)
        ms = (time.perf_counter() - t0) * 1000
        if status != 200 or marker not in text:
            die("%s answered %s for %s, table#%s %s" % (
                which, status, path, table, "present" if marker in text else "missing"))
        return ms, text.count("data-display=")

    for _ in range(warmup):
        one()
    if which == "meridian":
        before = upstream_lines(logs[0])
        _, rows = one()
        time.sleep(0.2)
        calls = upstream_lines(logs[0]) - before
    else:
        sizes = [os.path.getsize(p) for p in logs]
        _, rows = one()
        time.sleep(0.5)
        calls = 0
        for p, size in zip(logs, sizes):
            with open(p, errors="replace") as f:
                f.seek(size)
                calls += sum(1 for line in f if horizon_call(line))
    times = sorted(one()[0] for _ in range(runs))
    p90 = times[min(len(times) - 1, int(round(0.9 * len(times))) - 1)]
    print("%.0f %.0f %d %d" % (statistics.median(times), p90, calls, rows))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "prepare":
        prepare(args[0], int(args[1]))
    elif cmd == "servers":
        servers(int(args[0]))
    elif cmd == "lookup-limit":
        lookup_limit()
    elif cmd == "cleanup":
        cleanup(args[0])
    elif cmd == "meridian":
        meridian(args[0], *map(int, args[1:5]), args[5])
    elif cmd == "horizon":
        horizon(args[0], *map(int, args[1:5]), args[5:])
    elif cmd == "upload":
        upload(args[0], args[1], args[2], args[3])
    elif cmd == "pages-prepare":
        pages_prepare(int(args[0]))
    elif cmd == "pages-cleanup":
        pages_cleanup()
    elif cmd == "page":
        page(args[0], args[1], args[2], args[3], int(args[4]), int(args[5]), args[6], args[7:])
    else:
        die("unknown command " + cmd)


if __name__ == "__main__":
    main()
