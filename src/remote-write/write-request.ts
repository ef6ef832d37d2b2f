/**
 * The body of a Prometheus remote write 1.0 request (prometheus.io/docs/specs/remote_write_spec): a
 * `prometheus.WriteRequest` in protobuf, compressed with snappy's block format (not its framed format).
 * The message definitions are the ones of prometheus/prompb (types.proto, remote.proto) that 1.0 uses.
 */
import protobuf from 'protobufjs';
import SnappyJS from 'snappyjs';

const PROMPB = `
syntax = "proto3";
package prometheus;
message WriteRequest { repeated TimeSeries timeseries = 1; reserved 2; }
message TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }
message Label { string name = 1; string value = 2; }
message Sample { double value = 1; int64 timestamp = 2; }
`;

const WriteRequest = protobuf.parse(PROMPB).root.lookupType('prometheus.WriteRequest');

export interface Label {
  name: string;
  value: string;
}

/** One series: its labels (`__name__` included, sorted by name) and its samples in time order. */
export interface TimeSeries {
  labels: Label[];
  /** `timestamp` in milliseconds since the epoch. */
  samples: Array<{ value: number; timestamp: number }>;
}

/** The request body: the WriteRequest of these series, snappy-compressed. */
export function encodeWriteRequest(timeseries: readonly TimeSeries[]): Buffer {
  const bytes = WriteRequest.encode({ timeseries }).finish();
  return Buffer.from(SnappyJS.compress(bytes));
}
