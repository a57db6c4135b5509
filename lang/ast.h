/* The syntax tree the parser builds and the compiler reads. Every node and
 * array lives in the compilation's arena. Sequences that can be long in
 * real programs (statements, elif chains, and/or operands, comparison
 * chains, display items, comprehension clauses) are flat arrays, so that
 * walking them never recurses; what does nest (brackets, operators) is
 * bounded by the parser (LANG_MAX_EXPR_HEIGHT, indentation limits). */
#ifndef LOCKSTEP_LANG_AST_H
#define LOCKSTEP_LANG_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/sym.h"

enum {
  /* Longest chain of nested expression nodes; CPython gives up a little
   * above 2000 (RecursionError during compilation). */
  LANG_MAX_EXPR_HEIGHT = 2500,
};

typedef enum ExprKind {
  EX_NAME,
  EX_INT,       /* i; int_flag as the token's (INTLIT_*) */
  EX_FLOAT,
  EX_STR,
  EX_TRUE,
  EX_FALSE,
  EX_NONE,
  EX_TUPLE,     /* items */
  EX_LIST,      /* items */
  EX_DICT,      /* items: key, value, key, value, ... */
  EX_UNARY,     /* op: OP_UNARY_NEGATIVE / POSITIVE / INVERT / NOT */
  EX_BINARY,    /* op: BinaryOp */
  EX_AND,       /* items: two or more operands */
  EX_OR,
  EX_COMPARE,   /* operands: n + 1, cmp_ops: n */
  EX_IFEXP,
  EX_CALL,
  EX_ATTRIBUTE, /* only valid as the callee of a call */
  EX_SUBSCRIPT,
  EX_SLICE,     /* only valid as a subscript's index */
  EX_LISTCOMP,
} ExprKind;

/* Comparison operators of EX_COMPARE: CompareOp values, then these. */
enum { CMP_IS = 6, CMP_IS_NOT, CMP_IN, CMP_NOT_IN };

typedef struct Expr Expr;

typedef struct ExprList {
  Expr **items;
  uint32_t n, cap;
} ExprList;

typedef struct CompClause {
  Expr *target;
  Expr *iter;
  ExprList ifs;
} CompClause;

struct Expr {
  uint8_t kind;     /* ExprKind */
  uint8_t op;       /* see the kinds */
  uint8_t int_flag; /* EX_INT */
  uint32_t line, pos;
  uint32_t height;  /* 1 + the tallest child */
  union {
    const Sym *name;
    int64_t i;
    double f;
    struct {
      const char *data;
      uint32_t len;
    } s;
    ExprList items;
    Expr *operand;
    struct {
      Expr *left, *right;
    } bin;
    struct {
      ExprList operands;
      uint8_t *ops;
    } cmp;
    struct {
      Expr *test, *body, *orelse;
    } ifexp;
    struct {
      Expr *func;
      ExprList args;
      const Sym **kwnames;
      Expr **kwvalues;
      uint32_t nkw, capkw;
    } call;
    struct {
      Expr *value;
      const Sym *attr;
    } attr;
    struct {
      Expr *value, *index;
    } sub;
    struct {
      Expr *lower, *upper, *step; /* NULL when omitted */
    } slice;
    struct {
      Expr *elt;
      CompClause *clauses;
      uint32_t n, cap;
    } comp;
  } u;
};

typedef enum StmtKind {
  ST_EXPR,
  ST_ASSIGN,
  ST_AUGASSIGN,
  ST_IF,
  ST_WHILE,
  ST_FOR,
  ST_PASS,
  ST_BREAK,
  ST_CONTINUE,
  ST_RETURN,
  ST_GLOBAL,
  ST_DEL,
  ST_ASSERT,
  ST_RAISE,
  ST_TRY,
  ST_DEF,
} StmtKind;

typedef struct Stmt Stmt;

typedef struct Block {
  Stmt **items;
  uint32_t n, cap;
} Block;

typedef struct IfClause {
  Expr *test;
  Block body;
} IfClause;

typedef struct Handler {
  Expr *type;      /* NULL: bare except */
  const Sym *name; /* `as name`, or NULL */
  uint32_t line, pos, name_line, name_pos;
  Block body;
} Handler;

typedef struct NameRef {
  const Sym *name;
  uint32_t line, pos;
} NameRef;

struct Stmt {
  uint8_t kind; /* StmtKind */
  uint32_t line, pos;
  union {
    Expr *expr; /* ST_EXPR; ST_RETURN and ST_RAISE (NULL when bare) */
    struct {
      ExprList targets; /* a = b = value: targets a, b */
      Expr *value;
    } assign;
    struct {
      Expr *target;
      uint8_t op; /* BinaryOp (not the in-place form) */
      Expr *value;
    } aug;
    struct {
      IfClause *clauses; /* if, then each elif */
      uint32_t n, cap;
      Block orelse;
    } if_;
    struct {
      Expr *test;
      Block body, orelse;
    } while_;
    struct {
      Expr *target, *iter;
      Block body, orelse;
    } for_;
    struct {
      NameRef *names;
      uint32_t n, cap;
    } global;
    ExprList del;
    struct {
      Expr *test, *msg;
    } assert_;
    struct {
      Block body;
      Handler *handlers;
      uint32_t nhandlers, caphandlers;
      Block orelse, finalbody;
      bool has_finally;
    } try_;
    struct {
      const Sym *name;
      NameRef *params;
      uint32_t nparams, capparams;
      Block body;
    } def;
  } u;
};

typedef struct Program {
  Block body;
} Program;

#endif
