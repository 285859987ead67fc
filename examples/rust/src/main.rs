//! One decode step through pagedattn's C ABI from Rust: the declarations below are all a Rust
//! engine needs (no bindgen, no crate). Appends this step's keys and values to a fragmented
//! paged cache, attends with one query row per sequence, checks the result against a direct
//! computation in f64, and checks that a bad argument comes back as an error naming the field.
//!
//!   make lib && cargo run --manifest-path examples/rust/Cargo.toml
//!
//! Ends with "N passed, N failed" like the C tests (`make test` runs it where cargo is present).
use std::ffi::{c_char, c_int, c_void, CStr};
use std::mem::offset_of;
use std::ptr;

// ---- include/pagedattn.h, mirrored. C enums are ints: kept as plain i32 values, never as Rust
// enums (a value the header adds later must not be undefined behaviour here).
type PaStatus = c_int;
const PA_OK: PaStatus = 0;
const PA_ERR_INVALID_ARG: PaStatus = 1;
const PA_BACKEND_CPU: c_int = 0;
const PA_DTYPE_F32: c_int = 0;

#[repr(C)]
struct PaContext {
    _opaque: [u8; 0],
}

#[repr(C)]
struct PaQuery {
    dtype: c_int,
    batch: i32,
    num_heads: i32,
    head_dim: i32,
    data: *const c_void,
    stride_token: i64,
    stride_head: i64,
    cu_seqlens: *const i32,
    max_seqlen: i32,
}

#[repr(C)]
struct PaKvCache {
    dtype: c_int,
    num_kv_heads: i32,
    head_dim: i32,
    page_size: i32,
    num_pages: i32,
    k: *mut c_void,
    v: *mut c_void,
    k_stride_page: i64,
    k_stride_token: i64,
    k_stride_head: i64,
    v_stride_page: i64,
    v_stride_token: i64,
    v_stride_head: i64,
    page_table: *const i32,
    page_table_stride: i64,
    seq_lens: *const i32,
    max_seq_len: i32,
}

#[repr(C)]
#[derive(Default)]
struct PaAttnParams {
    softmax_scale: f32,
    causal: i32,
    window_left: i32,
    softcap: f32,
    num_splits: i32,
}

#[repr(C)]
struct PaOutput {
    data: *mut c_void,
    stride_token: i64,
    stride_head: i64,
    lse: *mut f32,
}

// The header's frozen LP64 layout (tests/test_abi.c holds the same numbers): a mismatch stops
// the build instead of corrupting calls.
const _: () = {
    assert!(std::mem::size_of::<PaQuery>() == 56 && offset_of!(PaQuery, max_seqlen) == 48);
    assert!(std::mem::size_of::<PaKvCache>() == 120 && offset_of!(PaKvCache, k) == 24);
    assert!(offset_of!(PaKvCache, page_table) == 88 && offset_of!(PaKvCache, max_seq_len) == 112);
    assert!(std::mem::size_of::<PaAttnParams>() == 20 && offset_of!(PaAttnParams, num_splits) == 16);
    assert!(std::mem::size_of::<PaOutput>() == 32 && offset_of!(PaOutput, lse) == 24);
};

extern "C" {
    fn pa_version() -> u32;
    fn pa_status_string(s: PaStatus) -> *const c_char;
    fn pa_context_create(out: *mut *mut PaContext, backend: c_int, device: c_int) -> PaStatus;
    fn pa_context_destroy(ctx: *mut PaContext);
    fn pa_context_last_error(ctx: *const PaContext) -> *const c_char;
    fn pa_attn_params_init(p: *mut PaAttnParams, head_dim: i32);
    fn pa_workspace_size(ctx: *mut PaContext, q: *const PaQuery, kv: *const PaKvCache,
                         p: *const PaAttnParams, bytes: *mut usize) -> PaStatus;
    fn pa_attention(ctx: *mut PaContext, q: *const PaQuery, kv: *const PaKvCache,
                    p: *const PaAttnParams, out: *const PaOutput, workspace: *mut c_void,
                    workspace_bytes: usize) -> PaStatus;
    fn pa_kv_append(ctx: *mut PaContext, kv: *const PaKvCache, k_new: *const c_void,
                    v_new: *const c_void, new_stride_token: i64, new_stride_head: i64,
                    slot_mapping: *const i64, num_tokens: i32) -> PaStatus;
}

// ---- a safe wrapper of the size a Rust engine would write ---------------------------------
struct Context(*mut PaContext);

impl Context {
    fn cpu() -> Result<Context, String> {
        let mut ctx = ptr::null_mut();
        let s = unsafe { pa_context_create(&mut ctx, PA_BACKEND_CPU, 0) };
        let c = Context(ctx); // destroyed on drop even when creation failed
        if s != PA_OK { Err(c.error(s)) } else { Ok(c) }
    }

    fn error(&self, s: PaStatus) -> String {
        let name = unsafe { CStr::from_ptr(pa_status_string(s)) }.to_string_lossy().into_owned();
        if self.0.is_null() {
            return name;
        }
        let msg = unsafe { CStr::from_ptr(pa_context_last_error(self.0)) };
        format!("{}: {}", name, msg.to_string_lossy())
    }

    fn check(&self, s: PaStatus) -> Result<(), (PaStatus, String)> {
        if s == PA_OK { Ok(()) } else { Err((s, self.error(s))) }
    }
}

impl Drop for Context {
    fn drop(&mut self) {
        unsafe { pa_context_destroy(self.0) }
    }
}

// 2 sequences, 4 query heads over 2 kv heads, head_dim 64, pages of 16 tokens, 8 pages.
const B: usize = 2;
const H: usize = 4;
const HK: usize = 2;
const D: usize = 64;
const PAGE: usize = 16;
const PAGES: usize = 8;
const MAXP: usize = 4;

fn rnd(state: &mut u32) -> f32 {
    *state = state.wrapping_mul(1664525).wrapping_add(1013904223);
    (*state >> 8) as f32 / 8388608.0 - 1.0
}

fn main() {
    let (mut passed, mut failed) = (0, 0);
    let mut check = |ok: bool, what: &str| {
        if ok { passed += 1 } else { failed += 1; println!("FAIL {}", what) }
    };
    let v = unsafe { pa_version() };
    println!("pagedattn {}.{}.{} from Rust", v >> 16, (v >> 8) & 255, v & 255);

    let mut seed = 2026u32;
    let cache_len = PAGES * PAGE * HK * D;
    let mut k: Vec<f32> = (0..cache_len).map(|_| f32::NAN).collect(); // unused slots: NaN
    let mut vv: Vec<f32> = k.clone();
    let page_table: [i32; B * MAXP] = [5, 2, -1, -1, 7, 0, 3, -1]; // -1: never read
    let seq_lens: [i32; B] = [20, 40];
    // every token of both sequences is appended (the prefill's keys, then this step's)
    let mut slots = Vec::new();
    for b in 0..B {
        for t in 0..seq_lens[b] as usize {
            slots.push((page_table[b * MAXP + t / PAGE] as usize * PAGE + t % PAGE) as i64);
        }
    }
    let n = slots.len();
    let k_new: Vec<f32> = (0..n * HK * D).map(|_| rnd(&mut seed)).collect();
    let v_new: Vec<f32> = (0..n * HK * D).map(|_| rnd(&mut seed)).collect();
    let q: Vec<f32> = (0..B * H * D).map(|_| rnd(&mut seed)).collect();
    let mut out = vec![f32::NAN; B * H * D];
    let mut lse = vec![f32::NAN; B * H];

    let ctx = match Context::cpu() {
        Ok(c) => c,
        Err(e) => {
            println!("context: {}", e);
            println!("0 passed, 1 failed");
            std::process::exit(1);
        }
    };
    let mut kv = PaKvCache {
        dtype: PA_DTYPE_F32, num_kv_heads: HK as i32, head_dim: D as i32, page_size: PAGE as i32,
        num_pages: PAGES as i32,
        k: k.as_mut_ptr().cast(), v: vv.as_mut_ptr().cast(),
        k_stride_page: (PAGE * HK * D) as i64, k_stride_token: (HK * D) as i64, k_stride_head: D as i64,
        v_stride_page: (PAGE * HK * D) as i64, v_stride_token: (HK * D) as i64, v_stride_head: D as i64,
        page_table: page_table.as_ptr(), page_table_stride: MAXP as i64,
        seq_lens: seq_lens.as_ptr(), max_seq_len: (MAXP * PAGE) as i32,
    };
    let r = ctx.check(unsafe {
        pa_kv_append(ctx.0, &kv, k_new.as_ptr().cast(), v_new.as_ptr().cast(), (HK * D) as i64,
                     D as i64, slots.as_ptr(), n as i32)
    });
    check(r.is_ok(), &format!("pa_kv_append: {:?}", r));

    let qq = PaQuery {
        dtype: PA_DTYPE_F32, batch: B as i32, num_heads: H as i32, head_dim: D as i32,
        data: q.as_ptr().cast(), stride_token: (H * D) as i64, stride_head: D as i64,
        cu_seqlens: ptr::null(), max_seqlen: 1,
    };
    let o = PaOutput {
        data: out.as_mut_ptr().cast(), stride_token: (H * D) as i64, stride_head: D as i64,
        lse: lse.as_mut_ptr(),
    };
    let mut p = PaAttnParams::default();
    unsafe { pa_attn_params_init(&mut p, D as i32) };
    let mut ws = usize::MAX;
    let r = ctx.check(unsafe { pa_workspace_size(ctx.0, &qq, &kv, &p, &mut ws) });
    check(r.is_ok() && ws == 0, &format!("pa_workspace_size: {:?}, {} bytes", r, ws));
    let r = ctx.check(unsafe { pa_attention(ctx.0, &qq, &kv, &p, &o, ptr::null_mut(), 0) });
    check(r.is_ok(), &format!("pa_attention: {:?}", r));

    // direct computation in f64 from the rows appended
    let mut worst = 0f64;
    let mut row = 0;
    for b in 0..B {
        let len = seq_lens[b] as usize;
        for h in 0..H {
            let kh = h / (H / HK);
            let qv = &q[(b * H + h) * D..][..D];
            let sc: Vec<f64> = (0..len)
                .map(|j| {
                    let kr = &k_new[((row + j) * HK + kh) * D..][..D];
                    qv.iter().zip(kr).map(|(a, c)| *a as f64 * *c as f64).sum::<f64>() / (D as f64).sqrt()
                })
                .collect();
            let m = sc.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let l: f64 = sc.iter().map(|s| (s - m).exp()).sum();
            for d in 0..D {
                let mut acc = 0f64;
                for j in 0..len {
                    acc += (sc[j] - m).exp() * v_new[((row + j) * HK + kh) * D + d] as f64;
                }
                let got = out[(b * H + h) * D + d] as f64;
                worst = worst.max((got - acc / l).abs());
            }
            worst = worst.max((lse[b * H + h] as f64 - (l.ln() + m)).abs());
        }
        row += len;
    }
    check(worst < 1e-5, &format!("output against f64: max error {:.3e}", worst));
    println!("max error against f64: {:.2e}", worst);

    // a bad argument: an error naming the field, and the output left as it was
    let before = out.clone();
    kv.head_dim = 65;
    let r = ctx.check(unsafe { pa_attention(ctx.0, &qq, &kv, &p, &o, ptr::null_mut(), 0) });
    match &r {
        Err((s, msg)) => {
            println!("bad head_dim -> {}", msg);
            check(*s == PA_ERR_INVALID_ARG && msg.contains("head_dim"), "bad head_dim's error");
        }
        Ok(()) => check(false, "bad head_dim accepted"),
    }
    check(out.iter().zip(&before).all(|(a, c)| a.to_bits() == c.to_bits()), "output written on error");

    println!("{} passed, {} failed", passed, failed);
    std::process::exit(if failed == 0 { 0 } else { 1 });
}
