"""The load test's users: a realistic mix of what the public does on the site, read-only.

Run by `make loadtest` (tests/load/run.py) headless against a local gunicorn; never aimed at another host.
"""

import random

from locust import HttpUser, between, task


class Visitor(HttpUser):
    wait_time = between(1, 4)

    def on_start(self):
        documents = self.client.get("/api/documents/?limit=500", name="/api/documents/ (setup)").json()["results"]
        self.documents = [d["id"] for d in documents] or [1]
        self.bureaus = sorted({d["bureau"]["id"] for d in documents}) or [1]
        self.years = sorted({d["fiscal_year"] for d in documents}) or [2023]
        self.counties = sorted({d["region"]["name"] for d in documents}) or ["顺平"]

    @task(8)
    def dashboard(self):
        params = random.choice([{}, {"year": random.choice(self.years)}, {"kind": "budget"}, {"documents": "all"}])
        self.client.get("/", params=params, name="/ (dashboard)")

    @task(2)
    def dashboard_sorted(self):
        self.client.get("/", params={"running-sort": "-ind_running_costs", "running-page": 1}, name="/ (sorted)")

    @task(3)
    def bureau(self):
        self.client.get(f"/bureaus/{random.choice(self.bureaus)}/", name="/bureaus/<id>/")

    @task(3)
    def document(self):
        self.client.get(f"/documents/{random.choice(self.documents)}/", name="/documents/<id>/")

    @task(2)
    def compare(self):
        chosen = random.sample(self.bureaus, k=min(3, len(self.bureaus)))
        self.client.get("/compare/", params={"bureau": chosen}, name="/compare/")

    @task(2)
    def search(self):
        self.client.get("/search/", params={"q": random.choice(self.counties)[:2]}, name="/search/")

    @task(1)
    def methods(self):
        self.client.get("/methods/", name="/methods/")

    @task(3)
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

    @task(1)
    def table_export(self):
        fmt = random.choice(["csv", "xlsx"])
        self.client.get("/", params={"_export": fmt, "_table": "contribution"}, name="/?_export (table export)")

    @task(3)
    def static(self):
        self.client.get("/static/css/site.css", name="/static/ (css)")

    @task(1)
    def download_indicators(self):
        self._download("/downloads/indicators.csv")

    @task(1)
    def download_lines(self):
        self._download("/downloads/lines.csv")

    def _download(self, path: str) -> None:
        """A bulk download counts as failed unless it arrives whole: its last line counts its rows."""
        with self.client.get(path, name=path, stream=True, catch_response=True) as response:
            tail = b""
            for chunk in response.iter_content(chunk_size=65536):
                tail = (tail + chunk)[-200:]
            if response.status_code != 200 or b"# rows: " not in tail:
                response.failure(f"incomplete download (status {response.status_code})")
