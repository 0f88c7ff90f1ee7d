"""The load test's users: a realistic mix of what the public does on the site, read-only.

Run by `make loadtest` (tests/load/run.py) headless against a local gunicorn; never aimed at another host.
"""

import json
import random
import urllib.request
import zlib

import gevent
from locust import HttpUser, between, events, task

# Documents from all over the country, read once before the users start (not part of the figures): what visitors
# arriving from a search engine land on.
POOL: list[dict] = []
FALLBACK = {"id": 1, "fiscal_year": 2023, "kind": "budget", "bureau": {"id": 1}, "region": {"name": "顺平县"}}
PAGES = 10


@events.test_start.add_listener
def read_documents(environment, **kwargs):
    def page(offset: int) -> dict:
        with urllib.request.urlopen(f"{environment.host}/api/documents/?limit=500&offset={offset}", timeout=120) as r:
            return json.load(r)

    count = page(0)["count"]
    for offset in sorted(random.sample(range(0, count, 500), k=min(PAGES, -(-count // 500)))):
        POOL.extend(page(offset)["results"])


class Visitor(HttpUser):
    wait_time = between(1, 4)

    def on_start(self):
        # Each visitor looks at its own counties: 500 documents drawn from all over the country.
        documents = random.sample(POOL, k=min(500, len(POOL))) or [FALLBACK]
        self.periods = sorted({(d["fiscal_year"], d["kind"]) for d in documents})
        self.documents = [d["id"] for d in documents]
        self.bureaus = sorted({d["bureau"]["id"] for d in documents})
        self.years = sorted({d["fiscal_year"] for d in documents})
        self.counties = sorted({d["region"]["name"] for d in documents})

    @task(80)
    def dashboard(self):
        # As the page's links write them: the default, another year and kind, the other kind.
        year, kind = random.choice(self.periods)
        params = random.choice([{}, {"year": year, "kind": kind}, {"kind": "budget"}, {"kind": "final"}])
        self.client.get("/", params=params, name="/ (dashboard)")

    @task(20)
    def dashboard_sorted(self):
        self.client.get("/", params={"running-sort": "-ind_running_costs", "running-page": 1}, name="/ (sorted)")

    @task(30)
    def bureau(self):
        self.client.get(f"/bureaus/{random.choice(self.bureaus)}/", name="/bureaus/<id>/")

    @task(30)
    def document(self):
        self.client.get(f"/documents/{random.choice(self.documents)}/", name="/documents/<id>/")

    @task(20)
    def compare(self):
        chosen = random.sample(self.bureaus, k=min(3, len(self.bureaus)))
        self.client.get("/compare/", params={"bureau": chosen}, name="/compare/")

    @task(20)
    def search(self):
        self.client.get("/search/", params={"q": random.choice(self.counties)[:2]}, name="/search/")

    @task(10)
    def methods(self):
        self.client.get("/methods/", name="/methods/")

    @task(30)
    def api(self):
        path = random.choice(
            [
                f"/api/indicators/?year={random.choice(self.years)}&limit=100",
                "/api/lines/?code=2101202&limit=100",
                f"/api/documents/{random.choice(self.documents)}/",
                "/api/bureaus/?limit=100",
            ]
        )
        self.client.get(path, name="/api/ (mixed)")

    @task(10)
    def table_export(self):
        fmt = random.choice(["csv", "xlsx"])
        self.client.get("/", params={"_export": fmt, "_table": "contribution"}, name="/?_export (table export)")

    @task(30)
    def static(self):
        self.client.get("/static/css/site.css", name="/static/ (css)")

    # A bulk download is rare beside page views (a researcher's, now and then): one in about 300 requests.
    @task(1)
    def download_indicators(self):
        self._download("/downloads/indicators.csv")

    @task(1)
    def download_lines(self):
        self._download("/downloads/lines.csv")

    def _download(self, path: str) -> None:
        """A bulk download counts as failed unless it arrives whole: its last line counts its rows. It comes gzipped,
        as to a browser; it is inflated here a piece at a time, letting the other users run in between (inflating
        800 MB in one go would stall every user of this process and count the stall against the server)."""
        with self.client.get(path, name=path, stream=True, catch_response=True) as response:
            gzipped = response.headers.get("Content-Encoding") == "gzip"
            inflate = zlib.decompressobj(wbits=31)
            tail = b""
            for chunk in response.raw.stream(65536, decode_content=False):
                tail = (tail + (inflate.decompress(chunk) if gzipped else chunk))[-200:]
                gevent.sleep(0)
            if response.status_code != 200 or b"# rows: " not in tail:
                response.failure(f"incomplete download (status {response.status_code})")
