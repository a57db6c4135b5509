# CPython 3.11's wording of the errors the runtime raises, checked through
# str() of the caught exception. Each probe is a small function so one
# failure cannot hide the others.
def p_div_int():
    return 1 / 0
def p_floordiv_int():
    return 1 // 0
def p_mod_int():
    return 1 % 0
def p_div_float():
    return 1.0 / 0
def p_floordiv_float():
    return 1.0 // 0.0
def p_mod_float():
    return 1.0 % 0.0
def p_divmod_zero():
    return divmod(1, 0)
def p_divmod_float_zero():
    return divmod(1.0, 0)
def p_zero_neg_pow():
    return 0 ** -1
def p_zero_float_neg_pow():
    return 0.0 ** -2
def p_list_index():
    return [1, 2][2]
def p_list_neg_index():
    return [1, 2][-3]
def p_str_index():
    return 'ab'[5]
def p_tuple_index():
    return (1,)[1]
def p_list_assign_index():
    l = [1]
    l[1] = 2
def p_range_index():
    return range(2)[2]
def p_add_int_str():
    return 1 + 'a'
def p_add_str_int():
    return 'a' + 1
def p_add_list_tuple():
    return [1] + (1,)
def p_sub_str():
    return 'a' - 'b'
def p_mul_str_str():
    return 'a' * 'b'
def p_mul_str_float():
    return 'a' * 1.5
def p_mul_list_list():
    return [1] * [2]
def p_div_str():
    return 'a' / 2
def p_pow_none():
    return None ** 2
def p_lshift_float():
    return 1.0 << 1
def p_and_float():
    return 1.5 & 1
def p_lt_int_str():
    return 1 < 'a'
def p_ge_list_int():
    return [1] >= 1
def p_lt_dict():
    return {} < {}
def p_lt_none():
    return None < 1
def p_subscript_int():
    x = 5
    return x[0]
def p_subscript_none():
    x = None
    return x['k']
def p_call_int():
    x = 5
    return x()
def p_call_str():
    x = 'f'
    return x()
def p_len_int():
    return len(5)
def p_len_none():
    return len(None)
def p_iter_int():
    for x in 5:
        pass
def p_iter_float():
    return list(1.5)
def p_unhashable_list():
    return {[1]: 2}
def p_unhashable_dict():
    return {} in {}
def p_str_item_assign():
    s = 'abc'
    s[0] = 'x'
def p_tuple_item_assign():
    t = (1,)
    t[0] = 2
def p_list_str_index():
    l = [1]
    return l['a']
def p_list_float_index():
    l = [1]
    return l[1.0]
def p_str_float_index():
    s = 'abc'
    return s[0.5]
def p_dict_unhashable_key_get():
    return {}[[1]]
def p_neg_shift():
    return 1 << -1
def p_neg_rshift():
    return 1 >> -5
def p_unpack_many():
    a, b = 1, 2, 3
def p_unpack_few():
    a, b, c = [1, 2]
def p_unpack_int():
    a, b = 1
def p_split_empty():
    return 'a b'.split('')
def p_join_int():
    return ','.join(['a', 1])
def p_join_non_iterable():
    return ','.join(5)
def p_in_int():
    return 1 in 5
def p_str_in_int():
    return 1 in 'abc'
def p_list_index_missing():
    return [1, 2].index(3)
def p_pop_empty():
    return [].pop()
def p_pop_range():
    return [1].pop(3)
def p_dict_pop_missing():
    return {}.pop('gone')
def p_range_step_zero():
    return range(0, 5, 0)
def p_range_float():
    return range(2.0)
def p_neg_str():
    return -'a'
def p_invert_float():
    return ~2.5
def p_name():
    return not_defined_anywhere_zz
def p_method_arity():
    return [].append(1, 2)
def p_startswith_int():
    return 'abc'.startswith(1)
def p_replace_int():
    return 'abc'.replace('a', 1)
def p_find_none():
    return 'abc'.find(None)
def p_insert_str_index():
    return [].insert('a', 1)
def p_str_concat_none():
    return 'x' + None
def p_sort_mixed():
    l = [3, 'a']
    l.sort()
def p_list_mul_float():
    return [1] * 2.0
probes = [p_div_int, p_floordiv_int, p_mod_int, p_div_float, p_floordiv_float, p_mod_float,
          p_divmod_zero, p_divmod_float_zero, p_zero_neg_pow, p_zero_float_neg_pow,
          p_list_index, p_list_neg_index, p_str_index, p_tuple_index, p_list_assign_index,
          p_range_index, p_add_int_str, p_add_str_int, p_add_list_tuple, p_sub_str,
          p_mul_str_str, p_mul_str_float, p_mul_list_list, p_div_str, p_pow_none,
          p_lshift_float, p_and_float, p_lt_int_str, p_ge_list_int, p_lt_dict, p_lt_none,
          p_subscript_int, p_subscript_none, p_call_int, p_call_str, p_len_int, p_len_none,
          p_iter_int, p_iter_float, p_unhashable_list, p_unhashable_dict, p_str_item_assign,
          p_tuple_item_assign, p_list_str_index, p_list_float_index, p_str_float_index,
          p_dict_unhashable_key_get, p_neg_shift, p_neg_rshift, p_unpack_many, p_unpack_few,
          p_unpack_int, p_split_empty, p_join_int, p_join_non_iterable, p_in_int,
          p_str_in_int, p_list_index_missing, p_pop_empty, p_pop_range, p_dict_pop_missing,
          p_range_step_zero, p_range_float, p_neg_str, p_invert_float, p_name,
          p_method_arity, p_startswith_int, p_replace_int, p_find_none, p_insert_str_index,
          p_str_concat_none, p_sort_mixed, p_list_mul_float]
n = 0
for probe in probes:
    n += 1
    try:
        probe()
        print(n, 'no error')
    except ZeroDivisionError as e:
        print(n, 'ZeroDivisionError:', e)
    except IndexError as e:
        print(n, 'IndexError:', e)
    except KeyError as e:
        print(n, 'KeyError:', e)
    except TypeError as e:
        print(n, 'TypeError:', e)
    except ValueError as e:
        print(n, 'ValueError:', e)
    except NameError as e:
        print(n, 'NameError:', e)
    except OverflowError as e:
        print(n, 'OverflowError:', e)
