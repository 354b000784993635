// Classic pcap files, read and written, for the capture tests: one capture's frames re-wrapped in
// the other link layers tlstrace decodes (the same IP packets behind a different header), a link
// type it does not decode, and a file cut in the middle of a frame. Pure: buffers in, buffers out.

const MAGIC_US = 0xa1b2c3d4;

// Link types (LINKTYPE_* numbers as written in a pcap header; tcpdump.org/linktypes.html).
export const LINKTYPE = {
  NULL: 0, ETHERNET: 1, RAW: 101, LOOP: 108, LINUX_SLL: 113, IPV4: 228, LINUX_SLL2: 276,
  IEEE802_11: 105,
};

/** Parses a classic little-endian microsecond pcap: {linktype, snaplen, frames: [{sec, usec, orig, data}]}. */
export function readPcap(buf) {
  if (buf.length < 24 || buf.readUInt32LE(0) !== MAGIC_US) throw new Error('not a little-endian microsecond pcap file');
  const linktype = buf.readUInt32LE(20);
  const snaplen = buf.readUInt32LE(16);
  const frames = [];
  for (let off = 24; off + 16 <= buf.length;) {
    const sec = buf.readUInt32LE(off), usec = buf.readUInt32LE(off + 4);
    const incl = buf.readUInt32LE(off + 8), orig = buf.readUInt32LE(off + 12);
    frames.push({ sec, usec, orig, data: buf.subarray(off + 16, off + 16 + incl) });
    off += 16 + incl;
  }
  return { linktype, snaplen, frames };
}

/** Writes a classic pcap file of the given link type. */
export function writePcap(linktype, frames, snaplen = 262144) {
  const parts = [];
  const h = Buffer.alloc(24);
  h.writeUInt32LE(MAGIC_US, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(snaplen, 16);
  h.writeUInt32LE(linktype, 20);
  parts.push(h);
  for (const f of frames) {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(f.sec, 0);
    r.writeUInt32LE(f.usec, 4);
    r.writeUInt32LE(f.data.length, 8);
    r.writeUInt32LE(f.orig ?? f.data.length, 12);
    parts.push(r, f.data);
  }
  return Buffer.concat(parts);
}

const ethertypeOf = (ip) => ((ip[0] >> 4) === 6 ? 0x86dd : 0x0800);

/** The IP packet of an Ethernet frame (no VLAN tag), or null for another EtherType. */
export function ipOfEthernet(frame) {
  const et = frame.readUInt16BE(12);
  return et === 0x0800 || et === 0x86dd ? frame.subarray(14) : null;
}

/** The same IP packet behind another link layer's header. */
export function wrap(linktype, ip, { vlan = false } = {}) {
  const et = ethertypeOf(ip);
  switch (linktype) {
    case LINKTYPE.ETHERNET: {
      const macs = Buffer.from('020000000002020000000001', 'hex');
      if (!vlan) return Buffer.concat([macs, u16be(et), ip]);
      // IEEE 802.1Q: TPID 0x8100, TCI (VLAN 42), then the real EtherType; tagged twice (802.1ad
      // outer tag 0x88a8) so that stacked tags are exercised too.
      return Buffer.concat([macs, u16be(0x88a8), u16be(7), u16be(0x8100), u16be(42), u16be(et), ip]);
    }
    case LINKTYPE.NULL: { // the capturing host's byte order: little-endian here
      const h = Buffer.alloc(4);
      h.writeUInt32LE(et === 0x86dd ? 30 : 2, 0);
      return Buffer.concat([h, ip]);
    }
    case LINKTYPE.LOOP: { // network byte order
      const h = Buffer.alloc(4);
      h.writeUInt32BE(et === 0x86dd ? 24 : 2, 0);
      return Buffer.concat([h, ip]);
    }
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
      return Buffer.from(ip);
    case LINKTYPE.LINUX_SLL: { // packet type, ARPHRD_LOOPBACK (772), address length, address, protocol
      const h = Buffer.alloc(16);
      h.writeUInt16BE(0, 0);
      h.writeUInt16BE(772, 2);
      h.writeUInt16BE(6, 4);
      h.writeUInt16BE(et, 14);
      return Buffer.concat([h, ip]);
    }
    case LINKTYPE.LINUX_SLL2: { // protocol, reserved, interface index, ARPHRD, type, length, address
      const h = Buffer.alloc(20);
      h.writeUInt16BE(et, 0);
      h.writeUInt32BE(1, 4);
      h.writeUInt16BE(772, 8);
      h[10] = 0;
      h[11] = 6;
      return Buffer.concat([h, ip]);
    }
    default:
      throw new Error(`cannot wrap for link type ${linktype}`);
  }
}

function u16be(v) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(v, 0);
  return b;
}
