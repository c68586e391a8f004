// The @neo4j/graphql comparison server of bench/run.sh: typeDefs.graphql over the graph that
// store/neo4j wrote, served over plain node:http (no framework, so the comparison measures
// @neo4j/graphql, not a web framework) with parsed and validated queries cached by text, as
// gqlgen's query cache does for our server. One worker per CPU (node:cluster), so that it
// can use the cores our Go server uses.
//
//   NEO4J_URI=bolt://127.0.0.1:7688 PORT=18083 node server.mjs
//
// POST /graphql {"query": ..., "variables": ...}. A query that declares $gen gets the served
// generation (Meta.current, read when the worker starts) as that variable.
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";

import { Neo4jGraphQL } from "@neo4j/graphql";
import { execute, parse, validate } from "graphql";
import neo4j from "neo4j-driver";

const uri = process.env.NEO4J_URI || "bolt://127.0.0.1:7687";
const port = Number(process.env.PORT || 18083);
const workers = Number(process.env.WORKERS || os.availableParallelism());

if (cluster.isPrimary && workers > 1) {
    for (let i = 0; i < workers; i++) cluster.fork();
    let ready = 0;
    cluster.on("message", (_, msg) => {
        if (msg === "ready" && ++ready === workers) console.log(`neo4j-graphql: ${workers} workers on 127.0.0.1:${port}`);
    });
    cluster.on("exit", (w, code) => {
        console.error(`neo4j-graphql: worker ${w.process.pid} exited (${code})`);
        process.exit(1);
    });
    for (const sig of ["SIGTERM", "SIGINT"]) {
        process.on(sig, () => {
            for (const w of Object.values(cluster.workers)) w.kill();
            process.exit(0);
        });
    }
} else {
    if (cluster.isWorker) process.on("disconnect", () => process.exit(0)); // the primary is gone
    await serve();
}

async function serve() {
    const driver = neo4j.driver(uri, undefined, { maxConnectionPoolSize: 100, disableLosslessIntegers: true });
    const typeDefs = fs.readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
    const neoSchema = new Neo4jGraphQL({
        typeDefs,
        driver,
        features: { filters: { String: { LT: true, LTE: true, GT: true, GTE: true } } },
    });
    const schema = await neoSchema.getSchema();
    const meta = await driver.executeQuery("MATCH (m:Meta {key: 'graph'}) RETURN m.current AS g", {}, { routing: "READ" });
    const gen = meta.records.length ? meta.records[0].get("g") : 0;

    const cache = new Map(); // query text → parsed, validated document
    const server = http.createServer((req, res) => {
        if (req.method !== "POST" || req.url !== "/graphql") {
            res.writeHead(req.url === "/healthz" ? 200 : 404).end();
            return;
        }
        const chunks = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", async () => {
            let status = 200;
            let body;
            try {
                const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
                let document = cache.get(query);
                if (!document) {
                    document = parse(query);
                    const errors = validate(schema, document);
                    if (errors.length) throw Object.assign(new Error(errors.map((e) => e.message).join("; ")), { status: 400 });
                    if (cache.size < 1000) cache.set(query, document);
                }
                const vars = { ...variables };
                if (query.includes("$gen")) vars.gen = gen;
                body = await execute({ schema, document, variableValues: vars, contextValue: {} });
            } catch (e) {
                status = e.status || 500;
                body = { errors: [{ message: String(e.message || e) }] };
            }
            const out = JSON.stringify(body);
            res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(out) });
            res.end(out);
        });
    });
    server.keepAliveTimeout = 120_000;
    server.listen(port, "127.0.0.1", () => {
        if (process.send) process.send("ready");
        else console.log(`neo4j-graphql: 1 worker on 127.0.0.1:${port} (generation ${gen})`);
    });
}
