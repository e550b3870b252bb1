"""The anchor of ``bench_api``: bare FastAPI endpoints on the same paths, served the same way
(uvicorn, same worker count), doing no work — what the framework and the server cost alone.

Run by the benchmark: python -m uvicorn benchmarks.bare_api:build --factory --port P --workers N
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Header, Response
from pydantic import BaseModel


class Step(BaseModel):
    action: str
    due_date: str


class MoveBody(BaseModel):
    trigger: str
    next_step: Step | None = None


def build() -> FastAPI:
    app = FastAPI()

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/clients/{client_id}")
    def client(client_id: int, response: Response) -> dict[str, Any]:
        response.headers["ETag"] = '"1"'
        return {"id": client_id, "name": "Клиент", "stage": "needs", "version": 1}

    @app.post("/v1/clients/{client_id}/moves")
    def move(
        client_id: int, body: MoveBody, response: Response, if_match: str = Header("")
    ) -> dict[str, Any]:
        version = int(if_match.strip('"') or 0) + 1
        response.headers["ETag"] = f'"{version}"'
        return {"client": {"id": client_id, "stage": body.trigger, "version": version}}

    return app
